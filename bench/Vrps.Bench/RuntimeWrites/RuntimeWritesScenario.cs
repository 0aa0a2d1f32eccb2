using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Vrps.Postgres.Hosting;

namespace Vrps.Bench.RuntimeWrites;

/// <summary>
/// Write throughput and latency of the runtime against a private durable Postgres: what group commit buys for one hot
/// grain (pipelined and awaited) and for many grains with one write each in flight.
/// </summary>
internal sealed class RuntimeWritesScenario : IScenario
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // The file is read by people and tools, never embedded in HTML: "15.18 (Debian 15.18-0+deb12u1)" stays legible.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Name => "runtime";

    public string Usage => "runtime [--quick] [--json PATH]  group-commit write throughput and latency on a private durable Postgres";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!RuntimeWritesOptions.TryParse(arguments, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"{error}{Environment.NewLine}Usage: {Usage}").ConfigureAwait(false);
            return 2;
        }

        var startedAt = DateTimeOffset.UtcNow;
        RuntimeWritesReport report;
        using (var loggerFactory = LoggerFactory.Create(static logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)))
        {
            // Not created here: LocalPostgres creates it with the permissions the postgres account needs when we run as root.
            var dataDirectory = Path.Combine(Path.GetTempPath(), $"vrps-bench-{Guid.NewGuid():N}");
            try
            {
                var postgres = await LocalPostgres.StartAsync(
                        new LocalPostgresOptions { DataDirectory = dataDirectory, Durable = true },
                        loggerFactory.CreateLogger<LocalPostgres>(),
                        cancellationToken)
                    .ConfigureAwait(false);
                await using (postgres.ConfigureAwait(false))
                {
                    var environment = await EnvironmentInfo.CollectAsync(postgres.ConnectionString, cancellationToken).ConfigureAwait(false);
                    var cases = new List<CaseResult>();
                    foreach (var writeCase in WriteCase.All)
                    {
                        cases.Add(await RunCaseAsync(postgres, writeCase, options, cancellationToken).ConfigureAwait(false));
                    }

                    report = new RuntimeWritesReport
                    {
                        Mode = options.ModeName,
                        StartedAt = startedAt,
                        WritesPerCase = options.Writes,
                        WarmupWritesPerCase = options.WarmupWrites,
                        Clients = RuntimeWritesOptions.Clients,
                        Environment = environment,
                        Cases = cases,
                        Ratios =
                        [
                            Ratio("one grain: coalescing speed-up", cases, 1, 2),
                            Ratio("1,000 grains: coalescing speed-up", cases, 4, 5),
                        ],
                    };
                }
            }
            finally
            {
                TryDelete(dataDirectory);
            }
        }

        Console.WriteLine(MarkdownReport.Render(report));
        var directory = Path.GetDirectoryName(options.JsonPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(options.JsonPath, JsonSerializer.Serialize(report, JsonOptions), CancellationToken.None).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"JSON written to {options.JsonPath}").ConfigureAwait(false);
        if (!report.Passed)
        {
            await Console.Error.WriteLineAsync("Correctness check FAILED: see the Check column.").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static async Task<CaseResult> RunCaseAsync(LocalPostgres postgres, WriteCase writeCase, RuntimeWritesOptions options, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"case {writeCase.Number}/{WriteCase.All.Count}: {writeCase.Title} ..."))
            .ConfigureAwait(false);
        var connectionString = await postgres.CreateDatabaseAsync($"runtime_writes_{writeCase.Number}", cancellationToken).ConfigureAwait(false);
        var result = await WriteCaseRunner.RunAsync(writeCase, connectionString, options, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  {result.WritesPerSecond:N0} writes/s over {result.ElapsedSeconds:0.0} s, {result.WritesPerTransaction:0.0} writes/tx, {result.Check}"))
            .ConfigureAwait(false);
        return result;
    }

    private static SpeedupRatio Ratio(string name, List<CaseResult> cases, int numerator, int denominator)
    {
        var top = cases.Single(c => c.Number == numerator).WritesPerSecond;
        var bottom = cases.Single(c => c.Number == denominator).WritesPerSecond;
        return new SpeedupRatio(name, numerator, denominator, bottom > 0 ? top / bottom : 0);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Leftovers in the temp folder are harmless; the results matter more than a tidy /tmp.
            Console.Error.WriteLine($"Could not delete {directory}: {exception.Message}");
        }
    }
}
