using System.Diagnostics;
using Npgsql;
using Vrps.Bench.Common;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// Our durable deadlines against Orleans reminders (stock ADO.NET provider on our schema), each on real Orleans silos
/// run as child processes, on one private durable Postgres in one run: start-up time and memory with many timers
/// stored, lag of many falling due within a minute, and time to fire a timer that fell due while the silo was dead
/// (SIGKILL). The quick form is CI's: it checks that every timer fired (and no deadline twice), not speed.
/// </summary>
internal sealed class DeadlinesScenario : IScenario
{
    public const string ScenarioName = "deadlines";

    private const string SchemaDatabase = "timers_schema";
    private const string MaintenanceDatabase = "postgres";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    public string Name => ScenarioName;

    public string Usage => "deadlines [--quick] [--json PATH]        durable deadlines vs Orleans reminders: 1M stored, 100k due in 1 min, overdue after kill -9";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count > 0 && arguments[0] == SiloProtocol.SiloFlag)
        {
            return await TimerSiloProcess.RunAsync([.. arguments.Skip(1)], cancellationToken).ConfigureAwait(false);
        }

        var options = ScenarioArguments.Parse(arguments, Name);
        var plan = DeadlinesPlan.For(options.Quick);
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var outcomes = new List<ProviderOutcome>();
        EnvironmentInfo environment;
        await using (var postgres = await BenchPostgres.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            var schema = await postgres.CreateDatabaseAsync(SchemaDatabase, cancellationToken).ConfigureAwait(false);
            environment = await EnvironmentInfo.CollectAsync(schema, cancellationToken).ConfigureAwait(false);

            await MigrateAsync(schema, plan, cancellationToken).ConfigureAwait(false);
            foreach (var provider in Enum.GetValues<TimerProvider>())
            {
                var database = await CopyDatabaseAsync(schema, provider, cancellationToken).ConfigureAwait(false);
                outcomes.Add(await new ProviderRun(Name, provider, database, plan).RunAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        var report = new DeadlinesReport
        {
            Mode = plan.Mode,
            StartedAt = startedAt,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            Environment = environment,
            Plan = plan,
            Providers = outcomes,
        };
        Console.WriteLine(DeadlinesMarkdown.Render(report));
        await BenchJson.WriteAsync(options.JsonPath, report, CancellationToken.None).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"JSON written to {options.JsonPath}").ConfigureAwait(false);
        return report.Passed ? 0 : 1;
    }

    /// <summary>
    /// One silo start applies every migration to a template database, so that no measured start-up includes a
    /// migration and both providers' tables exist before the stored timers are copied in.
    /// </summary>
    private async Task MigrateAsync(string connectionString, DeadlinesPlan plan, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync("migrating the template database ...").ConfigureAwait(false);
        var silo = SiloChild.Launch(
            Name,
            new TimerSiloOptions(TimerProvider.Deadlines, connectionString, LoopbackPorts.Free(), LoopbackPorts.Free(), plan.ReminderPeriod, plan.MinimumReminderPeriod),
            new FireRecorder(),
            generation: 0);
        await using (silo.ConfigureAwait(false))
        {
            await silo.WaitReadyAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            await silo.StopAsync().ConfigureAwait(false);
        }
    }

    private static async Task<string> CopyDatabaseAsync(string templateConnectionString, TimerProvider provider, CancellationToken cancellationToken)
    {
        var name = $"timers_{provider.ToString().ToLowerInvariant()}";
        var maintenance = new NpgsqlConnectionStringBuilder(templateConnectionString) { Database = MaintenanceDatabase, Pooling = false };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

                // CREATE DATABASE takes no parameters; both names are our constants.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{SchemaDatabase}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // The migrating silo's connections close with its process; the server may not have seen them go yet.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }

        return new NpgsqlConnectionStringBuilder(templateConnectionString) { Database = name }.ConnectionString;
    }
}
