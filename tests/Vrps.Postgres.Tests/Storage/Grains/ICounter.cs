namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>What every test counter grain does; each grain type has its own interface so two types can share a key.</summary>
public interface ICounter
{
    Task<long> AddAsync(long amount);

    /// <summary>Adds and stages an effect inserting <paramref name="marker"/> into test_effects, committed with the write.</summary>
    Task<long> AddWithEffectAsync(long amount, string marker);

    /// <summary>
    /// Stages a <see cref="TransactionMarkerEffect"/> of <paramref name="writeMarker"/> and starts a write; stages one of
    /// <paramref name="flushMarker"/> and flushes it (through the default storage) before the write has committed.
    /// </summary>
    Task<long> WriteThenFlushAsync(long amount, string writeMarker, string flushMarker);

    /// <summary>Adds, and stages the first state of the guid counter <paramref name="newCounter"/> (<see cref="Vrps.Postgres.Storage.GrainStates.NewState"/>) on the write.</summary>
    Task<long> AddAndCreateAsync(long amount, Guid newCounter, long newValue);

    /// <summary>Stages an effect without writing state.</summary>
    Task StageOnlyAsync(string marker);

    Task<long> GetAsync();

    Task<bool> RecordExistsAsync();

    Task ClearAsync();

    /// <summary>Identifies this activation: a new activation answers with a new id.</summary>
    Task<Guid> ActivationAsync();
}
