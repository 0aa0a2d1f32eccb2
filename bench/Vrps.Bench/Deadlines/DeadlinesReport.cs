using Vrps.Bench.Common;

namespace Vrps.Bench.Deadlines;

internal sealed record DeadlinesReport
{
    public string Scenario { get; } = DeadlinesScenario.ScenarioName;

    public required string Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required DeadlinesPlan Plan { get; init; }

    public required IReadOnlyList<ProviderOutcome> Providers { get; init; }

    public IReadOnlyList<DeadlinesCheck> Checks => [.. Providers.SelectMany(static p => p.Checks)];

    public bool Passed => Checks.All(static c => c.Passed);

    public ProviderOutcome Of(TimerProvider provider) => Providers.Single(p => p.Provider == provider.ToString().ToLowerInvariant());
}
