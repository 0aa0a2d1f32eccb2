using Npgsql;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>A real effect: a row in test_effects that must exist exactly when the state write that carried it committed.</summary>
internal sealed record InsertMarkerEffect(string Marker) : ICommitEffect
{
    public const string Sql = "INSERT INTO test_effects (marker) VALUES (@marker)";

    public void AddTo(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.AddWithValue("marker", Marker);
        batch.BatchCommands.Add(command);
    }
}
