using Npgsql;
using NpgsqlTypes;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Events;

/// <summary>
/// A transaction's appends as two statements however many there are: the log's lock, taken once, then one statement
/// that advances every stream by its count and inserts every event. Events take their streams' sequences and their
/// positions in the order they were staged, so a stream's events read back in the order its grain raised them.
/// </summary>
internal sealed class EventAppends : ICommitEffectCombiner
{
    public static readonly EventAppends Instance = new();

    private EventAppends()
    {
    }

    /// <summary>Last: the log's lock is held until commit and serialises every appending transaction.</summary>
    public int Order => 1;

    public void AddAll(IReadOnlyList<ICommitEffect> effects, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(batch);
        if (effects.Count == 0)
        {
            return;
        }

        var count = effects.Count;
        var namespaces = new string[count];
        var keys = new string[count];
        var hashes = new int[count];
        var types = new string[count];
        var payloads = new string[count];
        var occurred = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            var append = (AppendEvent)effects[i];
            namespaces[i] = append.StreamNamespace;
            keys[i] = append.StreamKey;
            hashes[i] = StreamHash.Of(append.StreamNamespace, append.StreamKey);
            types[i] = append.Type;
            payloads[i] = append.PayloadJson;
            occurred[i] = append.OccurredAt.ToUniversalTime();
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(EventLogSql.LockLog));
        var insert = new NpgsqlBatchCommand(EventLogSql.AppendAll);
        insert.Parameters.AddWithValue("namespaces", namespaces);
        insert.Parameters.AddWithValue("keys", keys);
        insert.Parameters.AddWithValue("hashes", hashes);
        insert.Parameters.AddWithValue("types", types);
        insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
        insert.Parameters.AddWithValue("occurred", occurred);
        batch.BatchCommands.Add(insert);
    }
}
