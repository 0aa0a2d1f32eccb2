using Npgsql;
using Orleans.Runtime;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

/// <summary>Sets or moves a grain's deadline in the transaction it is added to.</summary>
/// <param name="Wake">The deadline falls due before an idle silo would look again, so the commit notifies the silos.</param>
internal sealed record SetDeadline(GrainId Grain, string Name, DateTimeOffset DueAt, bool Wake) : ICommitEffect
{
    public void AddTo(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var set = new NpgsqlBatchCommand(DeadlineSql.Set);
        set.Parameters.AddWithValue("type", Grain.Type.ToString()!);
        set.Parameters.AddWithValue("key", Grain.Key.ToString()!);
        set.Parameters.AddWithValue("name", Name);
        set.Parameters.AddWithValue("due", DueAt.ToUniversalTime());
        batch.BatchCommands.Add(set);
        if (Wake)
        {
            // NOTIFY is delivered only when the transaction commits: a rolled-back deadline wakes nobody.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeadlineSql.Wake));
        }
    }
}
