using Npgsql;
using NpgsqlTypes;

namespace Vrps.Postgres.Storage;

internal sealed partial class GrainStorageCommitter
{
    /// <summary>
    /// The usual transaction, in one round trip: the state writes and every staged effect as one batch, which Postgres
    /// runs as one implicit transaction and commits when the batch ends. Each state statement stops the batch when one
    /// of its writes lost to another activation, so nothing commits; null then tells the caller to run
    /// <see cref="CommitInStepsAsync"/>, which finds the writes that lost and commits the rest. Measured on 2026-12-03:
    /// the commit loop's four round trips per transaction each waited for a thread of the busy silo.
    /// </summary>
    private static async Task<Dictionary<StateWrite, long?>?> CommitAtOnceAsync(NpgsqlConnection connection, List<StateWrite> batch, DateTimeOffset now)
    {
        await using var command = new NpgsqlBatch(connection);
        AddStateWrites(command, batch, now, stopOnLostWrite: true);
        CombinedCommitEffects.AddTo(batch.SelectMany(static w => w.Effects), command);
        try
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            return [];
        }
        catch (PostgresException lost) when (lost.SqlState == GrainStorageSql.LostWriteState)
        {
            return null;
        }
    }

    /// <summary>
    /// The transaction in steps, for a batch in which a write lost: the state writes, then the effects of the writes
    /// that won, then the commit. Returns the writes that lost, each with the version stored now.
    /// </summary>
    private static async Task<Dictionary<StateWrite, long?>> CommitInStepsAsync(NpgsqlConnection connection, List<StateWrite> batch, DateTimeOffset now)
    {
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var conflicts = await WriteStatesAsync(connection, batch, now).ConfigureAwait(false);
        await WriteEffectsAsync(connection, batch, conflicts).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return conflicts;
    }

    /// <summary>
    /// All state writes of the batch in one round trip: one conditional UPDATE for writers holding an ETag, one
    /// INSERT … ON CONFLICT DO NOTHING for writers without one. Each returns the rows it changed; a write whose row is
    /// not among them lost to another activation and is a conflict, reported to its own caller only — the rest of the
    /// batch commits. Each conflict maps to the version that is stored now (null if none). Effects-only writes have no
    /// row to write and never conflict.
    /// </summary>
    private static async Task<Dictionary<StateWrite, long?>> WriteStatesAsync(NpgsqlConnection connection, List<StateWrite> batch, DateTimeOffset now)
    {
        var conflicts = new Dictionary<StateWrite, long?>();
        await using var command = new NpgsqlBatch(connection);
        var states = AddStateWrites(command, batch, now, stopOnLostWrite: false);
        if (states.Count == 0)
        {
            return conflicts;
        }

        var stored = new HashSet<StateKey>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            do
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    stored.Add(new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            while (await reader.NextResultAsync().ConfigureAwait(false));
        }

        foreach (var write in states)
        {
            if (!stored.Contains(write.Key))
            {
                conflicts.Add(write, null);
            }
        }

        if (conflicts.Count > 0)
        {
            await ReadCurrentVersionsAsync(connection, conflicts).ConfigureAwait(false);
        }

        return conflicts;
    }

    /// <summary>Adds the batch's state writes to <paramref name="command"/>: at most an UPDATE and an INSERT. Returns the writes that write a state.</summary>
    private static List<StateWrite> AddStateWrites(NpgsqlBatch command, List<StateWrite> batch, DateTimeOffset now, bool stopOnLostWrite)
    {
        var states = batch.Where(static w => w.WritesState).ToList();
        var updates = states.Where(static w => w.ExpectedVersion is not null).ToList();
        var inserts = states.Where(static w => w.ExpectedVersion is null).ToList();
        if (updates.Count > 0)
        {
            var update = Statement(GrainStorageSql.Update, GrainStorageSql.UpdateAll, updates.Count);
            AddKeys(update, updates);
            update.Parameters.AddWithValue("expected", updates.Select(static w => w.ExpectedVersion!.Value).ToArray());
            update.Parameters.Add(Payloads(updates));
            update.Parameters.AddWithValue("now", now);
            command.BatchCommands.Add(update);
        }

        if (inserts.Count > 0)
        {
            var insert = Statement(GrainStorageSql.Insert, GrainStorageSql.InsertAll, inserts.Count);
            AddKeys(insert, inserts);
            insert.Parameters.Add(Payloads(inserts));
            insert.Parameters.AddWithValue("now", now);
            command.BatchCommands.Add(insert);
        }

        return states;

        NpgsqlBatchCommand Statement(string reporting, string stopping, int count)
        {
            if (!stopOnLostWrite)
            {
                return new NpgsqlBatchCommand(reporting);
            }

            var statement = new NpgsqlBatchCommand(stopping);
            statement.Parameters.AddWithValue("count", count);
            return statement;
        }
    }

    private static async Task ReadCurrentVersionsAsync(NpgsqlConnection connection, Dictionary<StateWrite, long?> conflicts)
    {
        var lost = conflicts.Keys.ToList();
        await using var command = new NpgsqlCommand(GrainStorageSql.CurrentVersions, connection);
        command.Parameters.AddWithValue("types", lost.Select(static w => w.Key.GrainType).ToArray());
        command.Parameters.AddWithValue("keys", lost.Select(static w => w.Key.GrainKey).ToArray());
        command.Parameters.AddWithValue("names", lost.Select(static w => w.Key.StateName).ToArray());
        var current = new Dictionary<StateKey, long>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                current[new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetInt64(3);
            }
        }

        foreach (var write in lost)
        {
            conflicts[write] = current.TryGetValue(write.Key, out var version) ? version : null;
        }
    }

    /// <summary>
    /// The staged effects of every write that won, in the same transaction, after the states they belong to; each
    /// combinable kind as one set of statements for the whole transaction, not one per effect.
    /// </summary>
    private static async Task WriteEffectsAsync(NpgsqlConnection connection, List<StateWrite> batch, Dictionary<StateWrite, long?> conflicts)
    {
        await using var effects = new NpgsqlBatch(connection);
        CombinedCommitEffects.AddTo(batch.Where(w => !conflicts.ContainsKey(w)).SelectMany(static w => w.Effects), effects);
        if (effects.BatchCommands.Count > 0)
        {
            await effects.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static void AddKeys(NpgsqlBatchCommand command, List<StateWrite> writes)
    {
        command.Parameters.AddWithValue("types", writes.Select(static w => w.Key.GrainType).ToArray());
        command.Parameters.AddWithValue("keys", writes.Select(static w => w.Key.GrainKey).ToArray());
        command.Parameters.AddWithValue("names", writes.Select(static w => w.Key.StateName).ToArray());
    }

    // Text on the wire, cast to json in the statement; a clear sends NULL, which leaves a tombstone.
    private static NpgsqlParameter Payloads(List<StateWrite> writes) =>
        new("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = writes.Select(static w => w.Payload).ToArray() };
}
