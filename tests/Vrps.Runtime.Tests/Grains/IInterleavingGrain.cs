namespace Vrps.Runtime.Tests.Grains;

public interface IInterleavingGrain : IGrainWithStringKey
{
    /// <summary>Waits until <see cref="ReleaseAsync"/> is called on the same grain.</summary>
    Task<string> WaitForReleaseAsync();

    Task ReleaseAsync();

    [AlwaysInterleave]
    Task ReleaseInterleavedAsync();

    [ReadOnly]
    Task<int> ReadSlowlyAsync();

    Task<int> AppendAsync(int value);

    Task<IReadOnlyList<int>> GetAppendedAsync();

    Task SleepAsync(TimeSpan duration);
}
