namespace Vrps.Bench.PlateLookups;

/// <param name="Hits">Lookups of a seeded plate: each must answer that plate's active pass.</param>
/// <param name="Misses">Lookups of an unknown plate: each must answer no pass.</param>
/// <param name="Mismatches">Answers that differ from what the seeded passes say.</param>
internal sealed record PlateLookupResult(
    string Mode, int Clients, LoadResult Load, long Hits, long Misses, long Mismatches, string? FirstMismatch, double RatioToBaseline);
