namespace Vrps.Bench.Deadlines;

/// <summary>Everything one provider's run measured and checked.</summary>
internal sealed record ProviderOutcome(
    string Provider,
    IReadOnlyDictionary<string, string> Settings,
    double SeedSeconds,
    IReadOnlyList<StartupResult> Startups,
    LagResult Lag,
    OverdueResult Overdue,
    IReadOnlyList<DeadlinesCheck> Checks);
