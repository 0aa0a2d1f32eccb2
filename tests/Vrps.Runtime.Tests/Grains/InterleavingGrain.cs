namespace Vrps.Runtime.Tests.Grains;

/// <summary>Non-reentrant: one turn at a time, except [AlwaysInterleave] and [ReadOnly] calls.</summary>
[GrainType("test-serial")]
public class InterleavingGrain(Probe probe) : Grain, IInterleavingGrain
{
    private readonly List<int> appended = [];
    private TaskCompletionSource? release;

    public async Task<string> WaitForReleaseAsync()
    {
        release = new TaskCompletionSource();
        await release.Task;
        return "released";
    }

    public Task ReleaseAsync()
    {
        release?.TrySetResult();
        return Task.CompletedTask;
    }

    public Task ReleaseInterleavedAsync() => ReleaseAsync();

    public async Task<int> ReadSlowlyAsync()
    {
        probe.Enter();
        try
        {
            await Task.Delay(100);
            return appended.Count;
        }
        finally
        {
            probe.Exit();
        }
    }

    public async Task<int> AppendAsync(int value)
    {
        await Task.Yield();
        appended.Add(value);
        return appended.Count;
    }

    public Task<IReadOnlyList<int>> GetAppendedAsync() => Task.FromResult<IReadOnlyList<int>>(appended.ToArray());

    public Task SleepAsync(TimeSpan duration) => Task.Delay(duration);
}
