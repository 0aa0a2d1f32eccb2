using Npgsql;
using NpgsqlTypes;

namespace Vrps.Api.Idempotency;

/// <summary>The idempotency_keys table: claims, completed responses and their expiry.</summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    /// <summary>How long a key protects its request; after that it counts as absent.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim still without a response after this long belongs to a request that died.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(60);

    private const int SweepBatch = 5000;

    // One statement, so two racing requests cannot both win: a live row makes the insert a no-op, and an expired or
    // abandoned one (IdempotencyTakeover's rule) is taken over in place (the row lock makes the WHERE re-check against
    // the latest version).
    private const string Claim = """
        INSERT INTO idempotency_keys (api_key_id, key, claim_id, request_hash, created_at, owner)
        VALUES (@api_key_id, @key, @claim_id, @request_hash, @now, @owner)
        ON CONFLICT (api_key_id, key) DO UPDATE
           SET claim_id = excluded.claim_id, request_hash = excluded.request_hash, created_at = excluded.created_at,
               owner = excluded.owner,
               status_code = NULL, content_type = NULL, location = NULL, body = NULL, completed_at = NULL
         WHERE idempotency_keys.created_at < @expired_before
            OR (idempotency_keys.status_code IS NULL
                AND (idempotency_keys.created_at < @abandoned_before OR idempotency_keys.owner = ANY(@dead_owners)))
        RETURNING claim_id
        """;

    private const string Read = """
        SELECT request_hash, created_at, status_code, content_type, location, body, owner
          FROM idempotency_keys
         WHERE api_key_id = @api_key_id AND key = @key
        """;

    private const string Complete = """
        UPDATE idempotency_keys
           SET status_code = @status_code, content_type = @content_type, location = @location, body = @body, completed_at = @now
         WHERE api_key_id = @api_key_id AND key = @key AND claim_id = @claim_id
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

    /// <summary>True when this request, run by <paramref name="owner"/>, now owns the key: it was absent, expired or abandoned.</summary>
    public async Task<bool> TryClaimAsync(
        Guid apiKeyId, string key, Guid claimId, byte[] requestHash, DateTimeOffset now, string owner, IReadOnlyCollection<string> deadOwners,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Claim);
        AddKey(command, apiKeyId, key);
        command.Parameters.AddWithValue("claim_id", claimId);
        command.Parameters.AddWithValue("request_hash", requestHash);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("dead_owners", deadOwners.ToArray());
        command.Parameters.AddWithValue("expired_before", now - Retention);
        command.Parameters.AddWithValue("abandoned_before", now - AbandonedAfter);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
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
    public async Task<bool> CompleteAsync(Guid apiKeyId, string key, Guid claimId, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Complete);
        AddKey(command, apiKeyId, key);
        command.Parameters.AddWithValue("claim_id", claimId);
        command.Parameters.AddWithValue("status_code", response.StatusCode);
        command.Parameters.Add(new NpgsqlParameter("content_type", NpgsqlDbType.Text) { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("location", NpgsqlDbType.Text) { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("body", NpgsqlDbType.Bytea) { TypedValue = response.Body });
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
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
}
