using Microsoft.Extensions.DependencyInjection;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>The logic shared by the test counters; the subclasses differ only in grain type and storage provider.</summary>
internal abstract class CounterGrainBase(IPersistentState<CounterState> counter) : Grain, ICounter
{
    private readonly Guid activation = Guid.NewGuid();

    public async Task<long> AddAsync(long amount)
    {
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public async Task<long> AddWithEffectAsync(long amount, string marker)
    {
        this.StageCommitEffect(new InsertMarkerEffect(marker));
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public async Task<long> WriteThenFlushAsync(long amount, string writeMarker, string flushMarker)
    {
        this.StageCommitEffect(new TransactionMarkerEffect(writeMarker));
        counter.State.Value += amount;
        var write = counter.WriteStateAsync();
        this.StageCommitEffect(new TransactionMarkerEffect(flushMarker));
        var flush = this.FlushCommitEffectsAsync();
        await Task.WhenAll(write, flush);
        return counter.State.Value;
    }

    public async Task<long> AddAndCreateAsync(long amount, Guid newCounter, long newValue)
    {
        var states = ServiceProvider.GetRequiredService<GrainStates>();
        var created = GrainFactory.GetGrain<IGuidCounterGrain>(newCounter).GetGrainId();
        this.StageCommitEffect(states.NewState(created, "counter", new CounterState { Value = newValue }, DateTimeOffset.UtcNow));
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task StageOnlyAsync(string marker)
    {
        this.StageCommitEffect(new InsertMarkerEffect(marker));
        return Task.CompletedTask;
    }

    public Task<long> GetAsync() => Task.FromResult(counter.State.Value);

    public Task<bool> RecordExistsAsync() => Task.FromResult(counter.RecordExists);

    public Task ClearAsync() => counter.ClearStateAsync();

    public Task<Guid> ActivationAsync() => Task.FromResult(activation);
}
