using Npgsql;
using Orleans.Runtime;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

/// <summary>Cancels a grain's deadline in the transaction it is added to.</summary>
internal sealed record CancelDeadline(GrainId Grain, string Name) : ICommitEffect
{
    public void AddTo(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var cancel = new NpgsqlBatchCommand(DeadlineSql.Cancel);
        cancel.Parameters.AddWithValue("type", Grain.Type.ToString()!);
        cancel.Parameters.AddWithValue("key", Grain.Key.ToString()!);
        cancel.Parameters.AddWithValue("name", Name);
        batch.BatchCommands.Add(cancel);
    }
}
