using Npgsql;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>
/// A test_effects row "marker:xid" naming the transaction that committed it: transactions of one storage run one
/// after another, so comparing ids tells which effects committed first, or together.
/// </summary>
internal sealed record TransactionMarkerEffect(string Marker) : ICommitEffect
{
    public const string Separator = ":";

    public void AddTo(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO test_effects (marker) VALUES (@marker || '" + Separator + "' || pg_current_xact_id()::text)");
        command.Parameters.AddWithValue("marker", Marker);
        batch.BatchCommands.Add(command);
    }
}
