using Orleans.Storage;

namespace Vrps.Postgres.Storage;

/// <summary>
/// A grain's persistent state whose writes go to the storage provider at once, in the turn that makes them, without
/// waiting for the previous write to complete (Orleans' own state queues each write behind the last). Writes of one
/// state still commit in the order they were made: the storage keeps them in order and folds those that wait for the
/// same transaction. Read when the grain activates, before <c>OnActivateAsync</c>, like Orleans' own.
/// </summary>
/// <remarks>
/// Should a write fail, the writes made after it fail too (each expects the version the failed one would have
/// stored), and the storage deactivates the activation, so no state it refused outlives the failure.
/// </remarks>
internal sealed class PipelinedState<TState> : IPersistentState<TState>
    where TState : new()
{
    private readonly string name;
    private readonly IGrainContext context;
    private readonly IGrainStorage storage;
    private readonly GrainState<TState> state = new(new TState());

    public PipelinedState(string name, IGrainContext context, IGrainStorage storage)
    {
        this.name = name;
        this.context = context;
        this.storage = storage;
        context.ObservableLifecycle.Subscribe($"{nameof(PipelinedState<>)}-{name}", GrainLifecycleStage.SetupState, _ => ReadStateAsync());
    }

    public TState State
    {
        get => state.State!;
        set => state.State = value;
    }

    public string? Etag => state.ETag;

    public bool RecordExists => state.RecordExists;

    public Task ReadStateAsync() => storage.ReadStateAsync(name, context.GrainId, state);

    public Task WriteStateAsync() => storage.WriteStateAsync(name, context.GrainId, state);

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(name, context.GrainId, state);
        state.State = new TState();
    }
}
