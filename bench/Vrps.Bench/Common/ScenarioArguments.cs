namespace Vrps.Bench.Common;

/// <summary>The options every scenario takes: <c>--quick</c> (a CI smoke run) and <c>--json PATH</c>.</summary>
internal sealed record ScenarioArguments(bool Quick, string JsonPath)
{
    public static ScenarioArguments Parse(IReadOnlyList<string> arguments, string scenarioName)
    {
        var list = arguments.ToList();
        var jsonIndex = list.IndexOf("--json");
        var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < list.Count
            ? list[jsonIndex + 1]
            : Path.Combine(RepositoryPaths.Root(), "bench", "results", $"{scenarioName}.json");
        return new ScenarioArguments(list.Contains("--quick"), jsonPath);
    }
}
