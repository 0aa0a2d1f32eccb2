namespace Vrps.Bench.Grains;

/// <summary>Stored as {"value": n}; the correctness check sums that field straight from grain_state.</summary>
internal sealed class BenchCounterState
{
    public long Value { get; set; }
}
