using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Tests.Grains;

[GrainType("test-counter")]
public sealed class CounterGrain(Probe probe, [PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain, IRemindable
{
    public const string Namespace = "test.counter";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Activations.AddOrUpdate(GrainId.Key, 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.AddOrUpdate(GrainId.Key, 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<long> AddAsync(long amount)
    {
        probe.Enter();
        try
        {
            await Task.Yield();
            state.State.Value += amount;
            probe.Log.Enqueue($"{GrainId.Key}:{amount}");
            await state.WriteStateAsync();
            return state.State.Value;
        }
        finally
        {
            probe.Exit();
        }
    }

    public async Task<long> AddYieldingAsync(long amount)
    {
        probe.Enter();
        try
        {
            await Task.Yield();
            state.State.Value += amount;
            _ = state.WriteStateAsync();
            return state.State.Value;
        }
        finally
        {
            probe.Exit();
        }
    }

    public Task<long> AddPipelinedAsync(long amount)
    {
        state.State.Value += amount;
        _ = state.WriteStateAsync();
        return Task.FromResult(state.State.Value);
    }

    public Task<long> GetAsync() => Task.FromResult(state.State.Value);

    public Task<long> GetVersionAsync() => Task.FromResult(state.Version);

    public async Task AddWithEventAsync(long amount)
    {
        state.State.Value += amount;
        RaiseEvent(new StreamId(Namespace, GrainId.Key), "counter.added", new CounterAdded(GrainId.Key, amount, state.State.Value));
        await state.WriteStateAsync();
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task FailAsync(string message) => throw new ArgumentException(message, nameof(message));

    public Task SetReminderAsync(string name, TimeSpan dueIn, TimeSpan? period) => RegisterOrUpdateReminder(name, dueIn, period);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task IndexAsync(string bucket)
    {
        state.State.Value++;
        SetIndex(new IndexEntry("test-counter", GrainId.Key, bucket, null, GrainId.Key, TimeProvider.GetUtcNow(), null, new { key = GrainId.Key }));
        return state.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks.Add($"{reminderName}@{status.DueAt:O}");
        probe.Log.Enqueue($"reminder:{GrainId.Key}:{reminderName}");
        if (probe.HoldReminders is { } hold)
        {
            await hold.Task;
        }

        await state.WriteStateAsync();
    }
}

public sealed record CounterAdded(string Counter, long Amount, long Total);
