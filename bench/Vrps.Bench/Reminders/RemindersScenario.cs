using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Vrps.Bench.Common;
using Vrps.Bench.RuntimeWrites;
using Vrps.Runtime.Hosting;

namespace Vrps.Bench.Reminders;

/// <summary>
/// Brief §6, scenario 4: 1,000,000 reminders stored, 100,000 of them falling due uniformly within one minute. Measures
/// the silo's firing lag (due time to the grain's turn) and fires/s against a plain-SQL cron loop on the same private
/// durable Postgres, checks that every due reminder fired and no far-future one did, and compares the silo's start-up
/// (to ready, and to the first fire of an overdue reminder) with 1,000 and with 1,000,000 reminders stored.
/// </summary>
internal sealed class RemindersScenario : IScenario
{
    private const string SiloTable = "reminders";
    private const string CronTable = "cron_jobs";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    // Start-up counts as independent of the number stored when the larger table's median time to the first fire is
    // within this factor of the smaller one's, or within the absolute slack (a single scheduling hiccup on a loaded box).
    private const double IndependentRatio = 1.5;
    private const double IndependentSlackMs = 50;

    public string Name => "reminders";

    public string Usage => "reminders [--quick] [--json PATH]  1M stored reminders, 100k due within a minute: firing lag, fires/s and start-up vs a plain-SQL cron loop";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var options = ScenarioArguments.Parse(arguments, Name);
        var plan = options.Quick ? RemindersPlan.Quick : RemindersPlan.Full;
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        var failures = new List<string>();
        var defaults = new RuntimeOptions();
        EnvironmentInfo environment;
        DueBatchResult baseline;
        SiloRun silo;
        await using (var postgres = await BenchPostgres.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            using var diagnostics = new ReminderDiagnostics();
            var cron = await postgres.CreateDatabaseAsync("reminders_cron", cancellationToken).ConfigureAwait(false);
            environment = await EnvironmentInfo.CollectAsync(cron, cancellationToken).ConfigureAwait(false);
            baseline = await RunBaselineAsync(cron, plan, defaults, diagnostics, cancellationToken).ConfigureAwait(false);
            var siloDatabase = await postgres.CreateDatabaseAsync("reminders_silo", cancellationToken).ConfigureAwait(false);
            silo = await RunSiloAsync(siloDatabase, plan, diagnostics, failures, cancellationToken).ConfigureAwait(false);
        }

        Check(baseline, plan.Stored - plan.Due, failures);
        Check(silo.Batch, plan.Stored - plan.Due - 1, failures);
        var small = silo.Startup[0];
        var large = silo.Startup[^1];
        var startupRatio = small.MedianFirstFireMs > 0 ? large.MedianFirstFireMs / small.MedianFirstFireMs : 0;
        var independent = startupRatio <= IndependentRatio || large.MedianFirstFireMs - small.MedianFirstFireMs <= IndependentSlackMs;
        var report = new RemindersReport
        {
            Mode = plan.Mode,
            StartedAt = startedAt,
            DurationSeconds = Stopwatch.GetElapsedTime(clock).TotalSeconds,
            Environment = environment,
            Stored = plan.Stored,
            Due = plan.Due,
            WindowSeconds = plan.Window.TotalSeconds,
            OfferedPerSecond = plan.OfferedPerSecond,
            Runtime = silo.Options,
            Startup = silo.Startup,
            StartupRatio = startupRatio,
            StartupIndependent = independent,
            DueBatch = [baseline, silo.Batch],
            LagP99Ratio = baseline.Lag.P99Ms > 0 ? silo.Batch.Lag.P99Ms / baseline.Lag.P99Ms : 0,
            FiresPerSecondRatio = baseline.FiresPerSecond > 0 ? silo.Batch.FiresPerSecond / baseline.FiresPerSecond : 0,
            TargetMet = silo.Batch.Missed == 0 && silo.Batch.Lag.P99Ms <= RemindersPlan.TargetP99Ms && independent,
            Passed = failures.Count == 0,
            Failures = failures,
        };

        Console.WriteLine(RemindersMarkdown.Render(report));
        await BenchJson.WriteAsync(options.JsonPath, report, CancellationToken.None).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"JSON written to {options.JsonPath}").ConfigureAwait(false);
        if (!report.Passed)
        {
            await Console.Error.WriteLineAsync("Correctness check FAILED: " + string.Join("; ", failures)).ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static async Task<DueBatchResult> RunBaselineAsync(
        string connectionString, RemindersPlan plan, RuntimeOptions defaults, ReminderDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ReminderSeeder.ExecuteAsync(dataSource, ReminderSeeder.CronTable, cancellationToken).ConfigureAwait(false);
        var far = plan.Stored - plan.Due;
        await Progress($"baseline: storing {far:N0} far-future jobs ...").ConfigureAwait(false);
        var seed = await ReminderSeeder.CopyCronJobsAsync(dataSource, SeedRow.Far(0, far, far, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        await ReminderSeeder.SettleAsync(dataSource, CronTable, cancellationToken).ConfigureAwait(false);
        var windowStart = DateTimeOffset.UtcNow + plan.Lead;
        seed += await ReminderSeeder.CopyCronJobsAsync(dataSource, SeedRow.Due(plan.Due, windowStart, plan.Window), cancellationToken).ConfigureAwait(false);
        await Progress($"baseline: {plan.Due:N0} jobs due from {windowStart:HH:mm:ss.fff} over {plan.Window.TotalSeconds:0} s (stored in {seed.TotalSeconds:0.0} s)").ConfigureAwait(false);

        var log = new ReminderFireLog(plan.Due);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = Task.Run(() => CronBaseline.RunAsync(dataSource, log, defaults.ReminderBatchSize, defaults.ReminderPollInterval, stop.Token), CancellationToken.None);
        var result = await MeasureBatchAsync(
                log, windowStart, plan, diagnostics, new BatchTarget(dataSource, CronTable, "cron_jobs_due_at", ClaimScanSampler.CronScan),
                async () =>
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    await loop.ConfigureAwait(false);
                },
                cancellationToken)
            .ConfigureAwait(false);
        var rows = await ReminderSeeder.CountByPrefixAsync(dataSource, CronTable, "job_key", cancellationToken).ConfigureAwait(false);
        return Result("plain-SQL cron (baseline)", log, windowStart, rows, seed, result);
    }

    private static async Task<SiloRun> RunSiloAsync(
        string connectionString, RemindersPlan plan, ReminderDiagnostics diagnostics, List<string> failures, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        // A first start creates the schema and JIT-compiles the start path, so neither is part of a measured start.
        RuntimeDefaults defaults;
        var warmup = await ReminderSilo.StartAsync(connectionString, new ReminderFireLog(0), cancellationToken).ConfigureAwait(false);
        await using (warmup.ConfigureAwait(false))
        {
            var options = warmup.Options;
            defaults = new RuntimeDefaults(
                options.ReminderBatchSize, options.MaxConcurrentReminderFires, options.ReminderPollInterval.TotalMilliseconds, options.ReminderLease.TotalSeconds);
        }

        // Far-future keys f0..f{Stored-2} across all stages: Stored - 1 of them plus one probe is the full table.
        var farTotal = plan.Stored - 1;
        var probe = 0;
        await ReminderSeeder.CopyRemindersAsync(dataSource, SeedRow.Far(0, plan.SmallStored - 1, farTotal, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        await ReminderSeeder.SettleAsync(dataSource, SiloTable, cancellationToken).ConfigureAwait(false);
        var small = await MeasureStartsAsync(connectionString, dataSource, plan.SmallStored, plan.StartSamples, probe, failures, cancellationToken).ConfigureAwait(false);
        probe += plan.StartSamples;

        // The due batch: Stored - Due - 1 far-future rows, the batch, and one overdue probe.
        var farNow = plan.Stored - plan.Due - plan.SmallStored;
        await Progress($"silo: storing {farNow:N0} more far-future reminders ...").ConfigureAwait(false);
        var seed = await ReminderSeeder.CopyRemindersAsync(dataSource, SeedRow.Far(plan.SmallStored - 1, farNow, farTotal, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        await ReminderSeeder.SettleAsync(dataSource, SiloTable, cancellationToken).ConfigureAwait(false);
        var windowStart = DateTimeOffset.UtcNow + plan.Lead;
        seed += await ReminderSeeder.CopyRemindersAsync(
                dataSource, SeedRow.Due(plan.Due, windowStart, plan.Window).Append(SeedRow.Probe(probe++, DateTimeOffset.UtcNow)), cancellationToken)
            .ConfigureAwait(false);
        await Progress($"silo: {plan.Due:N0} reminders due from {windowStart:HH:mm:ss.fff} over {plan.Window.TotalSeconds:0} s (stored in {seed.TotalSeconds:0.0} s)").ConfigureAwait(false);

        var log = new ReminderFireLog(plan.Due);
        DueBatchResult batch;
        var silo = await ReminderSilo.StartAsync(connectionString, log, cancellationToken).ConfigureAwait(false);
        await using (silo.ConfigureAwait(false))
        {
            await Progress($"silo: started in {silo.StartDuration.TotalMilliseconds:N0} ms with {plan.Stored:N0} stored").ConfigureAwait(false);
            // Stopping lets fires in flight finish and records their outcomes, so the rows left are final; disposing
            // closes the silo's connections, so that Postgres publishes their statistics.
            var result = await MeasureBatchAsync(
                    log, windowStart, plan, diagnostics, new BatchTarget(dataSource, SiloTable, "reminders_due_at", ClaimScanSampler.RuntimeScan),
                    async () => await silo.DisposeAsync().ConfigureAwait(false),
                    cancellationToken)
                .ConfigureAwait(false);
            var rows = await ReminderSeeder.CountByPrefixAsync(dataSource, SiloTable, "grain_key", cancellationToken).ConfigureAwait(false);
            if (rows.GetValueOrDefault(ReminderFireLog.ProbePrefix) != 0 || log.ProbeFires != 1)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"silo: the overdue probe fired {log.ProbeFires} times, {rows.GetValueOrDefault(ReminderFireLog.ProbePrefix)} probe rows left"));
            }

            batch = Result("silo reminders (defaults)", log, windowStart, rows, seed, result);
        }

        // Back to the full table (the batch was deleted as it fired) for the start-up comparison.
        await ReminderSeeder.CopyRemindersAsync(dataSource, SeedRow.Far(plan.Stored - plan.Due - 1, plan.Due, farTotal, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        await ReminderSeeder.SettleAsync(dataSource, SiloTable, cancellationToken).ConfigureAwait(false);
        var large = await MeasureStartsAsync(connectionString, dataSource, plan.Stored, plan.StartSamples, probe, failures, cancellationToken).ConfigureAwait(false);
        return new SiloRun(defaults, [small, large], batch);
    }

    /// <summary>Starts the silo <paramref name="samples"/> times on the same table, each time with one overdue probe stored.</summary>
    private static async Task<StartupResult> MeasureStartsAsync(
        string connectionString, NpgsqlDataSource dataSource, int stored, int samples, int firstProbe, List<string> failures, CancellationToken cancellationToken)
    {
        var starts = new List<double>();
        var firstFires = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            await ReminderSeeder.CopyRemindersAsync(dataSource, [SeedRow.Probe(firstProbe + i, DateTimeOffset.UtcNow)], cancellationToken).ConfigureAwait(false);
            var log = new ReminderFireLog(0);
            var silo = await ReminderSilo.StartAsync(connectionString, log, cancellationToken).ConfigureAwait(false);
            await using (silo.ConfigureAwait(false))
            {
                starts.Add(silo.StartDuration.TotalMilliseconds);
                try
                {
                    var fired = await log.FirstProbeFired.WaitAsync(ProbeTimeout, cancellationToken).ConfigureAwait(false);
                    firstFires.Add(Stopwatch.GetElapsedTime(silo.StartedTimestamp, fired).TotalMilliseconds);
                }
                catch (TimeoutException)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"start-up with {stored:N0} stored: the overdue probe did not fire within {ProbeTimeout.TotalSeconds:0} s"));
                }
            }
        }

        await Progress($"silo: {stored:N0} stored: start {string.Join(", ", starts.Select(Ms))} ms, to first fire {string.Join(", ", firstFires.Select(Ms))} ms").ConfigureAwait(false);
        return new StartupResult(stored, starts, firstFires);
    }

    /// <summary>
    /// Waits for the window, records diagnostics while it runs, stops at the last fire or at the grace deadline, then
    /// stops the load with <paramref name="stopLoad"/> and reads Postgres' counters.
    /// </summary>
    private static async Task<BatchMeasurement> MeasureBatchAsync(
        ReminderFireLog log, DateTimeOffset windowStart, RemindersPlan plan, ReminderDiagnostics diagnostics, BatchTarget target, Func<Task> stopLoad,
        CancellationToken cancellationToken)
    {
        var before = await PostgresCounters.TakeAsync(target.DataSource, target.Table, target.DueIndex, cancellationToken).ConfigureAwait(false);
        var untilStart = windowStart - DateTimeOffset.UtcNow;
        if (untilStart > TimeSpan.Zero)
        {
            await Task.Delay(untilStart, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Progress($"warning: the window started {-untilStart.TotalMilliseconds:N0} ms before the loop was ready; lag includes that").ConfigureAwait(false);
        }

        diagnostics.Begin(plan.Due);
        using var stopSampling = new CancellationTokenSource();
        var sampler = ClaimScanSampler.RunAsync(target.DataSource, target.ScanSql, plan.Window / 6, stopSampling.Token);
        var timedOut = false;
        try
        {
            var deadline = windowStart + plan.Window + plan.Grace - DateTimeOffset.UtcNow;
            await log.AllDueFired.WaitAsync(deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            timedOut = true;
        }

        var result = diagnostics.End();
        await stopSampling.CancelAsync().ConfigureAwait(false);
        var samples = await sampler.ConfigureAwait(false);
        await Progress($"  {log.DistinctDue:N0}/{plan.Due:N0} fired{(timedOut ? " (gave up waiting)" : string.Empty)}").ConfigureAwait(false);
        await stopLoad().ConfigureAwait(false);
        var after = await PostgresCounters.TakeAsync(target.DataSource, target.Table, target.DueIndex, cancellationToken).ConfigureAwait(false);
        return new BatchMeasurement(result, after - before, samples);
    }

    private static DueBatchResult Result(
        string mode, ReminderFireLog log, DateTimeOffset windowStart, IReadOnlyDictionary<char, long> rows, TimeSpan seed, BatchMeasurement measured)
    {
        var lags = log.FirstFireLagsMs();
        var fired = log.DistinctDue;
        var seconds = (log.LastFireUtcTicks - windowStart.UtcTicks) / (double)TimeSpan.TicksPerSecond;
        return new DueBatchResult(
            mode,
            log.DueCount,
            fired,
            log.DuplicateFires,
            log.DueCount - fired,
            log.FarFires,
            log.UnknownFires,
            fired > 0 && seconds > 0 ? fired / seconds : 0,
            LagMath.PeakPerSecond(log.FirstFireUtcTicks(), windowStart.UtcTicks),
            LagMath.Summarize(lags),
            LagMath.SliceP99(lags, 6),
            rows.GetValueOrDefault(ReminderFireLog.DuePrefix),
            rows.GetValueOrDefault(ReminderFireLog.FarPrefix),
            seed.TotalSeconds,
            measured.Diagnostics,
            measured.Counters,
            measured.ScanSamples);
    }

    private static void Check(DueBatchResult batch, long farExpected, List<string> failures)
    {
        void Fail(FormattableString message) => failures.Add(FormattableString.Invariant($"{batch.Mode}: ") + FormattableString.Invariant(message));
        if (batch.Missed > 0)
        {
            Fail($"{batch.Missed:N0} of {batch.Due:N0} due reminders did not fire by the end of the window plus the grace time");
        }

        if (batch.FarFired > 0 || batch.UnknownFired > 0)
        {
            Fail($"{batch.FarFired:N0} far-future and {batch.UnknownFired:N0} unknown reminders fired");
        }

        if (batch.RowsLeftDue != batch.Missed)
        {
            Fail($"{batch.RowsLeftDue:N0} due rows left after the run for {batch.Missed:N0} missed");
        }

        if (batch.RowsLeftFar != farExpected)
        {
            Fail($"{batch.RowsLeftFar:N0} far-future rows left, {farExpected:N0} expected");
        }
    }

    private static string Ms(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static Task Progress(FormattableString message) => Console.Error.WriteLineAsync(FormattableString.Invariant(message));

    private sealed record SiloRun(RuntimeDefaults Options, IReadOnlyList<StartupResult> Startup, DueBatchResult Batch);

    /// <summary>Where a design keeps its rows, and the read-only form of its claim's scan.</summary>
    private sealed record BatchTarget(NpgsqlDataSource DataSource, string Table, string DueIndex, string ScanSql);

    private sealed record BatchMeasurement(DiagnosticsResult Diagnostics, PostgresCounters Counters, IReadOnlyList<ScanSample> ScanSamples);
}
