namespace Vrps.Runtime.Tests.Grains;

/// <summary>Collected after one idle minute instead of the default fifteen; also counts in-memory timer ticks.</summary>
[CollectionAgeLimit(1)]
[GrainType("test-quick")]
public sealed class QuickGrain(Probe probe) : Grain, IQuickGrain
{
    private int ticks;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.AddOrUpdate(GrainId.Key, 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task StartTimerAsync(TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            ticks++;
            probe.Log.Enqueue($"tick:{GrainId.Key}:{ticks}");
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(ticks);
}
