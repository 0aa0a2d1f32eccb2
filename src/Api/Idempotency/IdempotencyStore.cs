using Npgsql;
using NpgsqlTypes;

namespace Vrps.Api.Idempotency;

/// <summary>
/// The idempotency_keys table: claims, completed responses and their expiry. Claims and completions of concurrent
/// requests go to Postgres together, one statement and one commit per batch (<see cref="StatementBatcher{TItem, TResult}"/>).
/// </summary>
internal sealed class IdempotencyStore
{
    /// <summary>How long a key protects its request; after that it counts as absent.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim still without a response after this long belongs to a request that died.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(60);

    private const int SweepBatch = 5000;

    /// <summary>Rows per claim or completion statement: a larger batch goes as several.</summary>
    private const int MaxStatementRows = 1000;

    // One statement per claim, so two racing requests cannot both win: a live row makes the insert a no-op, and an
    // expired or abandoned one (IdempotencyTakeover's rule, each row against its own request's time) is taken over in
    // place (the row lock makes the WHERE re-check against the latest version). A batch holds each key at most once
    // (an upsert may not touch one row twice); a claim wins when its claim id comes back.
    private const string Claim = """
        INSERT INTO idempotency_keys (api_key_id, key, claim_id, request_hash, created_at, owner)
        SELECT * FROM unnest(@api_key_ids, @keys, @claim_ids, @request_hashes, @nows, @owners)
        ON CONFLICT (api_key_id, key) DO UPDATE
           SET claim_id = excluded.claim_id, request_hash = excluded.request_hash, created_at = excluded.created_at,
               owner = excluded.owner,
               status_code = NULL, content_type = NULL, location = NULL, body = NULL, completed_at = NULL
         WHERE idempotency_keys.created_at < excluded.created_at - @retention
            OR (idempotency_keys.status_code IS NULL
                AND (idempotency_keys.created_at < excluded.created_at - @abandoned OR idempotency_keys.owner = ANY(@dead_owners)))
        RETURNING claim_id
        """;

    private const string Read = """
        SELECT request_hash, created_at, status_code, content_type, location, body, owner
          FROM idempotency_keys
         WHERE api_key_id = @api_key_id AND key = @key
        """;

    private const string Complete = """
        UPDATE idempotency_keys AS k
           SET status_code = r.status_code, content_type = r.content_type, location = r.location, body = r.body, completed_at = r.completed_at
          FROM unnest(@api_key_ids, @keys, @claim_ids, @status_codes, @content_types, @locations, @bodies, @nows)
               AS r(api_key_id, key, claim_id, status_code, content_type, location, body, completed_at)
         WHERE k.api_key_id = r.api_key_id AND k.key = r.key AND k.claim_id = r.claim_id
        RETURNING k.claim_id
        """;

    private const string Release = """
        DELETE FROM idempotency_keys
         WHERE api_key_id = @api_key_id AND key = @key AND claim_id = @claim_id AND status_code IS NULL
        """;

    // Batched so an hour's backlog never holds one long lock; the outer created_at test re-checks rows a request
    // re-claimed between the sub-select and the delete.
    private const string Sweep = """
        DELETE FROM idempotency_keys
         WHERE (api_key_id, key) IN (SELECT api_key_id, key FROM idempotency_keys WHERE created_at < @before LIMIT @batch)
           AND created_at < @before
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly StatementBatcher<PendingClaim, bool> claims;
    private readonly StatementBatcher<PendingCompletion, bool> completions;

    public IdempotencyStore(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        claims = new(ClaimAllAsync);
        completions = new(CompleteAllAsync);
    }

    /// <summary>True when this request, run by <paramref name="owner"/>, now owns the key: it was absent, expired or abandoned.</summary>
    /// <remarks>
    /// Runs in a batch with concurrent requests' claims, and to its end even if the client hangs up meanwhile: the
    /// request then goes on as any whose claim won, and releases the key if it does not finish.
    /// </remarks>
    public Task<bool> TryClaimAsync(
        Guid apiKeyId, string key, Guid claimId, byte[] requestHash, DateTimeOffset now, string owner, IReadOnlyCollection<string> deadOwners) =>
        claims.RunAsync(new PendingClaim(apiKeyId, key, claimId, requestHash, now, owner, deadOwners));

    private async Task<IReadOnlyList<bool>> ClaimAllAsync(IReadOnlyList<PendingClaim> pending)
    {
        var won = new HashSet<Guid>();
        foreach (var round in Rounds(pending))
        {
            await using var command = dataSource.CreateCommand(Claim);
            command.Parameters.AddWithValue("api_key_ids", round.ConvertAll(static c => c.ApiKeyId).ToArray());
            command.Parameters.AddWithValue("keys", round.ConvertAll(static c => c.Key).ToArray());
            command.Parameters.AddWithValue("claim_ids", round.ConvertAll(static c => c.ClaimId).ToArray());
            command.Parameters.AddWithValue("request_hashes", round.ConvertAll(static c => c.RequestHash).ToArray());
            command.Parameters.AddWithValue("nows", round.ConvertAll(static c => c.Now).ToArray());
            command.Parameters.AddWithValue("owners", round.ConvertAll(static c => c.Owner).ToArray());

            // A silo declared dead stays dead, so every claim of the batch may take over what any of them saw dead.
            command.Parameters.AddWithValue("dead_owners", round.SelectMany(static c => c.DeadOwners).Distinct().ToArray());
            command.Parameters.AddWithValue("retention", Retention);
            command.Parameters.AddWithValue("abandoned", AbandonedAfter);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                won.Add(reader.GetGuid(0));
            }
        }

        return pending.Select(c => won.Contains(c.ClaimId)).ToArray();
    }

    /// <summary>The batch as statements of at most <see cref="MaxStatementRows"/> rows, each holding a key at most once.</summary>
    private static List<List<PendingClaim>> Rounds(IReadOnlyList<PendingClaim> pending)
    {
        var rounds = new List<(HashSet<(Guid, string)> Keys, List<PendingClaim> Claims)>();
        foreach (var claim in pending)
        {
            var round = rounds.Find(r => r.Claims.Count < MaxStatementRows && !r.Keys.Contains((claim.ApiKeyId, claim.Key)));
            if (round.Claims is null)
            {
                round = ([], []);
                rounds.Add(round);
            }

            round.Keys.Add((claim.ApiKeyId, claim.Key));
            round.Claims.Add(claim);
        }

        return rounds.ConvertAll(static r => r.Claims);
    }

    public async Task<IdempotencyRecord?> ReadAsync(Guid apiKeyId, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Read);
        AddKey(command, apiKeyId, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var hash = reader.GetFieldValue<byte[]>(0);
        var createdAt = reader.GetFieldValue<DateTimeOffset>(1);
        var owner = await reader.IsDBNullAsync(6, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(6);
        if (await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false))
        {
            return new IdempotencyRecord(hash, createdAt, null, owner);
        }

        var response = new StoredResponse(
            reader.GetInt32(2),
            await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(3),
            await reader.IsDBNullAsync(4, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(4),
            await reader.IsDBNullAsync(5, cancellationToken).ConfigureAwait(false) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(5));
        return new IdempotencyRecord(hash, createdAt, response, owner);
    }

    /// <summary>Stores the response under the claim; false when the claim was meanwhile taken over as abandoned.</summary>
    /// <remarks>Runs in a batch with concurrent requests' completions.</remarks>
    public Task<bool> CompleteAsync(Guid apiKeyId, string key, Guid claimId, StoredResponse response, DateTimeOffset now) =>
        completions.RunAsync(new PendingCompletion(apiKeyId, key, claimId, response, now));

    private async Task<IReadOnlyList<bool>> CompleteAllAsync(IReadOnlyList<PendingCompletion> pending)
    {
        var stored = new HashSet<Guid>();
        foreach (var round in pending.Chunk(MaxStatementRows))
        {
            await using var command = dataSource.CreateCommand(Complete);
            command.Parameters.AddWithValue("api_key_ids", Array.ConvertAll(round, static c => c.ApiKeyId));
            command.Parameters.AddWithValue("keys", Array.ConvertAll(round, static c => c.Key));
            command.Parameters.AddWithValue("claim_ids", Array.ConvertAll(round, static c => c.ClaimId));
            command.Parameters.AddWithValue("status_codes", Array.ConvertAll(round, static c => c.Response.StatusCode));
            command.Parameters.Add(new NpgsqlParameter("content_types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Array.ConvertAll(round, static c => c.Response.ContentType) });
            command.Parameters.Add(new NpgsqlParameter("locations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Array.ConvertAll(round, static c => c.Response.Location) });
            command.Parameters.AddWithValue("bodies", Array.ConvertAll(round, static c => c.Response.Body.ToArray()));
            command.Parameters.AddWithValue("nows", Array.ConvertAll(round, static c => c.Now));
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                stored.Add(reader.GetGuid(0));
            }
        }

        return pending.Select(c => stored.Contains(c.ClaimId)).ToArray();
    }

    /// <summary>Gives the key up so that a retry runs the request again.</summary>
    public async Task ReleaseAsync(Guid apiKeyId, string key, Guid claimId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Release);
        AddKey(command, apiKeyId, key);
        command.Parameters.AddWithValue("claim_id", claimId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every key created before <paramref name="before"/>; returns how many.</summary>
    public async Task<long> DeleteCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        long total = 0;
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand(Sweep);
            command.Parameters.AddWithValue("before", before);
            command.Parameters.AddWithValue("batch", SweepBatch);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == SweepBatch);

        return total;
    }

    private static void AddKey(NpgsqlCommand command, Guid apiKeyId, string key)
    {
        command.Parameters.AddWithValue("api_key_id", apiKeyId);
        command.Parameters.AddWithValue("key", key);
    }

    private sealed record PendingClaim(
        Guid ApiKeyId, string Key, Guid ClaimId, byte[] RequestHash, DateTimeOffset Now, string Owner, IReadOnlyCollection<string> DeadOwners);

    private sealed record PendingCompletion(Guid ApiKeyId, string Key, Guid ClaimId, StoredResponse Response, DateTimeOffset Now);
}
