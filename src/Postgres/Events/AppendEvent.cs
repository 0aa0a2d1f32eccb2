using Npgsql;
using NpgsqlTypes;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Events;

/// <summary>Appends one event to its stream in the transaction it is added to, taking the stream's next sequence.</summary>
internal sealed record AppendEvent(string StreamNamespace, string StreamKey, string Type, string PayloadJson, DateTimeOffset OccurredAt)
    : ICommitEffect
{
    public void AddTo(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(EventLogSql.LockLog));
        var append = new NpgsqlBatchCommand(EventLogSql.Append);
        append.Parameters.AddWithValue("namespace", StreamNamespace);
        append.Parameters.AddWithValue("key", StreamKey);
        append.Parameters.AddWithValue("hash", StreamHash.Of(StreamNamespace, StreamKey));
        append.Parameters.AddWithValue("type", Type);
        append.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, PayloadJson);
        append.Parameters.AddWithValue("occurred", OccurredAt.ToUniversalTime());
        batch.BatchCommands.Add(append);
    }
}
