using System.Diagnostics;
using System.Globalization;

namespace Vrps.Bench;

/// <summary>
/// Runs every scenario one after another, each against its own fresh private Postgres and silo, and ends with one
/// line per scenario and a totals line. <c>--quick</c> is the CI smoke run; each scenario writes its own JSON.
/// </summary>
internal sealed class AllScenarios(Func<IReadOnlyList<IScenario>> scenarios) : IScenario
{
    public string Name => "all";

    public string Usage => "all [--quick]                         every scenario below, in turn; exit code 0 when each passed its correctness checks";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var passOn = arguments.Where(static a => a == "--quick").ToArray();
        var outcomes = new List<(string Name, int ExitCode, TimeSpan Elapsed)>();
        foreach (var scenario in scenarios())
        {
            Console.WriteLine();
            Console.WriteLine($"=== {scenario.Name} {string.Join(' ', passOn)}");
            var started = Stopwatch.GetTimestamp();
            int exitCode;
            try
            {
                exitCode = await scenario.RunAsync(passOn, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine($"{scenario.Name} crashed: {exception}");
                exitCode = 1;
            }

            outcomes.Add((scenario.Name, exitCode, Stopwatch.GetElapsedTime(started)));
        }

        Console.WriteLine();
        Console.WriteLine("| scenario | result | seconds |");
        Console.WriteLine("|---|---|--:|");
        foreach (var (name, exitCode, elapsed) in outcomes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {(exitCode == 0 ? "passed" : $"FAILED (exit {exitCode})")} | {elapsed.TotalSeconds:N1} |"));
        }

        var failed = outcomes.Count(static o => o.ExitCode != 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {outcomes.Count - failed} scenarios passed, {failed} failed"));
        return failed == 0 ? 0 : 1;
    }
}
