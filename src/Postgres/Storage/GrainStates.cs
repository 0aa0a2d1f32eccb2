using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Vrps.Postgres.Storage;

/// <summary>
/// A grain's stored state reached without activating the grain, through the silo's default Vrps grain storage. A hot
/// grain that decides whether a new grain may exist (the lot deciding a pass) writes that grain's first state in the
/// same group commit as its other writes, instead of activating it for one write: an activation, a call and a
/// transaction fewer per decision. Only for grains no activation can have read yet (a new random id, or an id nobody
/// outside the caller can know), since an activation that read "nothing stored" would not see the write. Any row
/// stored meanwhile (the grain activated and wrote) makes the write fail with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class GrainStates(IServiceProvider services)
{
    private VrpsGrainStorage? storage;

    private VrpsGrainStorage Storage => storage ??= services.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) as VrpsGrainStorage
        ?? throw new InvalidOperationException("GrainStates writes through the silo's default grain storage, which must be the Vrps grain storage: add it with AddVrpsGrainStorageAsDefault.");

    /// <summary>Whether anything is stored for <paramref name="grainId"/>'s state <paramref name="stateName"/> (a state or a tombstone).</summary>
    public Task<bool> ExistsAsync(GrainId grainId, string stateName) => Storage.ExistsAsync(grainId, stateName);

    /// <summary>
    /// Stores the first state of <paramref name="grainId"/> with <paramref name="effects"/> (its index rows, events,
    /// deadlines) in one transaction; completes once committed. The state is serialized now.
    /// </summary>
    public Task CreateAsync<T>(GrainId grainId, string stateName, T state, IReadOnlyList<ICommitEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        return Storage.CreateAsync(grainId, stateName, state, effects);
    }

    /// <summary>
    /// The first state of <paramref name="grainId"/> as an effect to stage on the caller's own next write, so both
    /// commit together or not at all. Only for an id made new for this write (a random <see cref="Guid"/> nobody has
    /// seen): were a row stored for it, that row would be kept and this state dropped.
    /// </summary>
    public ICommitEffect NewState<T>(GrainId grainId, string stateName, T state, DateTimeOffset createdAt) =>
        Storage.NewState(grainId, stateName, state, createdAt);
}
