using Vrps.Bench.AmenityBurst;
using Vrps.Bench.Cluster;
using Vrps.Bench.Deadlines;
using Vrps.Bench.Offers;
using Vrps.Bench.OrleansStorage;
using Vrps.Bench.PlateLookups;

namespace Vrps.Bench;

internal static class Program
{
    // New scenarios only need an entry here; "all" runs them in this order.
    private static readonly IScenario[] Measured = [new HotOfferScenario(), new ManyOffersScenario(), new AmenityBurstScenario(), new PlateLookupsScenario(), new OrleansStorageScenario(), new DeadlinesScenario(), new ClusterScenario()];

    private static readonly IScenario[] Scenarios = [new AllScenarios(static () => Measured), .. Measured];

    public static async Task<int> Main(string[] args)
    {
        // The cluster scenario's silos are this executable again.
        if (args.Length > 0 && args[0] == SiloHost.Command)
        {
            return await SiloHost.RunAsync(args[1..]).ConfigureAwait(false);
        }

        var scenario = args.Length == 0
            ? null
            : Array.Find(Scenarios, s => string.Equals(s.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (scenario is null)
        {
            await Console.Error.WriteLineAsync(args.Length == 0 ? "No scenario given." : $"Unknown scenario '{args[0]}'.").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Usage: Vrps.Bench <scenario> [options]").ConfigureAwait(false);
            foreach (var known in Scenarios)
            {
                await Console.Error.WriteLineAsync($"  {known.Usage}").ConfigureAwait(false);
            }

            return 2;
        }

        // Ctrl+C must still reach the scenario's cleanup, or the private Postgres would outlive the process.
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await scenario.RunAsync(args[1..], cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
