namespace Vrps.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds and waits for the write to commit (Orleans semantics).</summary>
    Task<long> AddAsync(long amount);

    /// <summary>Adds and stages the write without awaiting it: the runtime holds the reply until it commits.</summary>
    Task<long> AddPipelinedAsync(long amount);

    /// <summary>Yields inside the turn (so overlapping turns would show) and stages its write pipelined.</summary>
    Task<long> AddYieldingAsync(long amount);

    [ReadOnly]
    Task<long> GetAsync();

    Task<long> GetVersionAsync();

    Task AddWithEventAsync(long amount);

    Task DeactivateAsync();

    Task FailAsync(string message);

    Task SetReminderAsync(string name, TimeSpan dueIn, TimeSpan? period);

    Task ClearAsync();

    /// <summary>Writes state together with an index row under <paramref name="bucket"/>.</summary>
    Task IndexAsync(string bucket);
}
