using Npgsql;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Events;

/// <summary>An effect Postgres refuses (division by zero), so the transaction carrying it rolls back.</summary>
internal sealed record FailingEffect : ICommitEffect
{
    public void AddTo(NpgsqlBatch batch) => batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT 1 / 0"));
}
