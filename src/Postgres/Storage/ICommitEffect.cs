using Npgsql;

namespace Vrps.Postgres.Storage;

/// <summary>
/// Something a grain staged that must become durable in the same transaction as its next state write, or not at all:
/// an event for the log, a deadline set or cancelled, an index row. The grain storage adds every staged effect of a
/// write to the batch that writes the state, so a reply sent after the write has committed never speaks of an effect
/// that was lost.
/// </summary>
public interface ICommitEffect
{
    /// <summary>Adds this effect's statements to <paramref name="batch"/>, which runs in the state write's transaction.</summary>
    void AddTo(NpgsqlBatch batch);
}
