namespace Vrps.Bench.AmenityBurst;

/// <summary>One correctness check of a burst: a failed check makes the benchmark exit with 1.</summary>
internal sealed record BurstCheck(string Mode, string Name, bool Passed, string Detail);
