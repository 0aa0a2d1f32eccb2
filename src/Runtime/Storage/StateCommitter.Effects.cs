using Npgsql;

namespace Vrps.Runtime.Storage;

internal sealed partial class StateCommitter
{
    /// <summary>Appends events (with their per-stream sequence numbers) and applies reminder changes in the open transaction.</summary>
    private static async Task<DateTimeOffset?> WriteEffectsAsync(
        NpgsqlConnection connection, List<PendingEvent> events, List<ReminderChange> reminders, List<IndexedRow> index)
    {
        if (events.Count == 0 && reminders.Count == 0 && index.Count == 0)
        {
            return null;
        }

        await using var batch = new NpgsqlBatch(connection);
        if (index.Count > 0)
        {
            batch.BatchCommands.Add(UpsertIndex(index));
        }

        if (events.Count > 0)
        {
            var sequences = await ReserveSequencesAsync(connection, events).ConfigureAwait(false);
            var insert = new NpgsqlBatchCommand(StorageSql.InsertEvents);
            insert.Parameters.AddWithValue("ns", events.Select(static e => e.Stream.Namespace).ToArray());
            insert.Parameters.AddWithValue("keys", events.Select(static e => e.Stream.Key).ToArray());
            insert.Parameters.AddWithValue("seqs", sequences);
            insert.Parameters.AddWithValue("types", events.Select(static e => e.Type).ToArray());
            insert.Parameters.AddWithValue("payloads", events.Select(static e => e.Payload).ToArray());
            insert.Parameters.AddWithValue("occurred", events.Select(static e => e.OccurredAt).ToArray());
            batch.BatchCommands.Add(insert);
        }

        DateTimeOffset? earliest = null;
        if (reminders.Count > 0)
        {
            // Last change wins per reminder: one statement may touch a row only once.
            var last = new Dictionary<(string, string, string), ReminderChange>();
            foreach (var change in reminders)
            {
                last[(change.Grain.Type, change.Grain.Key, change.Name)] = change;
            }

            var upserts = last.Values.Where(static c => c.DueAt is not null).ToList();
            var deletes = last.Values.Where(static c => c.DueAt is null).ToList();
            if (upserts.Count > 0)
            {
                var upsert = new NpgsqlBatchCommand(StorageSql.UpsertReminders);
                upsert.Parameters.AddWithValue("types", upserts.Select(static c => c.Grain.Type).ToArray());
                upsert.Parameters.AddWithValue("keys", upserts.Select(static c => c.Grain.Key).ToArray());
                upsert.Parameters.AddWithValue("names", upserts.Select(static c => c.Name).ToArray());
                upsert.Parameters.AddWithValue("due", upserts.Select(static c => c.DueAt!.Value.ToUniversalTime()).ToArray());
                upsert.Parameters.AddWithValue("periods", upserts.Select(static c => (long?)c.Period?.TotalMilliseconds).ToArray());
                batch.BatchCommands.Add(upsert);
                earliest = upserts.Min(static c => c.DueAt!.Value);
            }

            if (deletes.Count > 0)
            {
                var delete = new NpgsqlBatchCommand(StorageSql.DeleteReminders);
                delete.Parameters.AddWithValue("types", deletes.Select(static c => c.Grain.Type).ToArray());
                delete.Parameters.AddWithValue("keys", deletes.Select(static c => c.Grain.Key).ToArray());
                delete.Parameters.AddWithValue("names", deletes.Select(static c => c.Name).ToArray());
                batch.BatchCommands.Add(delete);
            }
        }

        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        return earliest;
    }

    private static async Task<long[]> ReserveSequencesAsync(NpgsqlConnection connection, List<PendingEvent> events)
    {
        var counts = new Dictionary<(string Ns, string Key), long>();
        foreach (var e in events)
        {
            var stream = (e.Stream.Namespace, e.Stream.Key);
            counts[stream] = counts.GetValueOrDefault(stream) + 1;
        }

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(StorageSql.LockOutbox));
        var advance = new NpgsqlBatchCommand(StorageSql.AdvanceStreams);
        advance.Parameters.AddWithValue("ns", counts.Keys.Select(static k => k.Ns).ToArray());
        advance.Parameters.AddWithValue("keys", counts.Keys.Select(static k => k.Key).ToArray());
        advance.Parameters.AddWithValue("counts", counts.Values.ToArray());
        batch.BatchCommands.Add(advance);

        var next = new Dictionary<(string, string), long>();
        await using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            await reader.NextResultAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var stream = (reader.GetString(0), reader.GetString(1));
                next[stream] = reader.GetInt64(2) - counts[stream] + 1;
            }
        }

        var sequences = new long[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var stream = (events[i].Stream.Namespace, events[i].Stream.Key);
            sequences[i] = next[stream];
            next[stream] = sequences[i] + 1;
        }

        return sequences;
    }

    private static NpgsqlBatchCommand UpsertIndex(List<IndexedRow> rows)
    {
        // Last row wins per entity: one statement may touch a row only once.
        var last = new Dictionary<(string, string), IndexedRow>();
        foreach (var row in rows)
        {
            last[(row.Kind, row.Id)] = row;
        }

        var unique = last.Values.ToList();
        var command = new NpgsqlBatchCommand(StorageSql.UpsertIndex);
        command.Parameters.AddWithValue("kinds", unique.Select(static r => r.Kind).ToArray());
        command.Parameters.AddWithValue("ids", unique.Select(static r => r.Id).ToArray());
        command.Parameters.AddWithValue("parents", unique.Select(static r => r.ParentId).ToArray());
        command.Parameters.AddWithValue("tenants", unique.Select(static r => r.TenantId).ToArray());
        command.Parameters.AddWithValue("names", unique.Select(static r => r.Name).ToArray());
        command.Parameters.AddWithValue("created", unique.Select(static r => r.CreatedAt.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("deleted", unique.Select(static r => r.DeletedAt?.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("data", unique.Select(static r => r.Data).ToArray());
        return command;
    }
}
