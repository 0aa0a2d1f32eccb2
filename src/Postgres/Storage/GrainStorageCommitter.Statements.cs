using Npgsql;
using NpgsqlTypes;

namespace Vrps.Postgres.Storage;

internal sealed partial class GrainStorageCommitter
{
    /// <summary>
    /// All state writes of the batch in one round trip: one conditional UPDATE for writers holding an ETag, one
    /// INSERT … ON CONFLICT DO NOTHING for writers without one. Each returns the rows it changed; a write whose row is
    /// not among them lost to another activation and is a conflict, reported to its own caller only — the rest of the
    /// batch commits. Each conflict maps to the version that is stored now (null if none). Effects-only writes have no
    /// row to write and never conflict.
    /// </summary>
    private static async Task<Dictionary<StateWrite, long?>> WriteStatesAsync(NpgsqlConnection connection, List<StateWrite> batch, DateTimeOffset now)
    {
        var states = batch.Where(static w => w.WritesState).ToList();
        var conflicts = new Dictionary<StateWrite, long?>();
        if (states.Count == 0)
        {
            return conflicts;
        }

        var updates = states.Where(static w => w.ExpectedVersion is not null).ToList();
        var inserts = states.Where(static w => w.ExpectedVersion is null).ToList();
        await using var command = new NpgsqlBatch(connection);
        if (updates.Count > 0)
        {
            var update = new NpgsqlBatchCommand(GrainStorageSql.Update);
            AddKeys(update, updates);
            update.Parameters.AddWithValue("expected", updates.Select(static w => w.ExpectedVersion!.Value).ToArray());
            update.Parameters.Add(Payloads(updates));
            update.Parameters.AddWithValue("now", now);
            command.BatchCommands.Add(update);
        }

        if (inserts.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(GrainStorageSql.Insert);
            AddKeys(insert, inserts);
            insert.Parameters.Add(Payloads(inserts));
            insert.Parameters.AddWithValue("now", now);
            command.BatchCommands.Add(insert);
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

    // Text on the wire, cast to jsonb in the statement; a clear sends NULL, which leaves a tombstone.
    private static NpgsqlParameter Payloads(List<StateWrite> writes) =>
        new("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = writes.Select(static w => w.Payload).ToArray() };
}
