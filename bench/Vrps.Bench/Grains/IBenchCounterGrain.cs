using Vrps.Runtime;

namespace Vrps.Bench.Grains;

internal interface IBenchCounterGrain : IGrainWithStringKey
{
    /// <summary>Increments and awaits the write before replying: one write per turn, as in Orleans.</summary>
    Task<long> AddAwaitedAsync();

    /// <summary>
    /// Increments and stages the write without awaiting it: the runtime holds the reply until the commit while the
    /// next turn already runs, so consecutive writes can share one transaction.
    /// </summary>
    Task<long> AddPipelinedAsync();
}
