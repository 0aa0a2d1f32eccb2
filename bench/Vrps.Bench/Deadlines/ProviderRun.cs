using System.Globalization;
using Npgsql;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// One provider's run on its own database: a start-up with nothing stored; the stored timers seeded; a start-up with
/// them stored, on which the due timers fire and the overdue one is armed before that silo is killed with SIGKILL; and
/// the silo launched again on the same endpoint, as a restarted host would be, until the overdue timer fires.
/// </summary>
internal sealed class ProviderRun(string scenarioName, TimerProvider provider, string connectionString, DeadlinesPlan plan)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirePoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan TablePoll = TimeSpan.FromMilliseconds(250);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly TimeProvider time = TimeProvider.System;
    private readonly FireRecorder fires = new();
    private readonly List<DeadlinesCheck> checks = [];
    private readonly string name = provider.ToString().ToLowerInvariant();
    private int generation;

    public async Task<ProviderOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var startups = new List<StartupResult>();

        await Progress("start-up with nothing stored");
        IReadOnlyDictionary<string, string> settings;
        var empty = Launch(SiloEndpoint.Free());
        await using (empty.ConfigureAwait(false))
        {
            var ready = await empty.WaitReadyAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            settings = ready.Settings;
            startups.Add(StartupResult.Of(name, "nothing stored", 0, empty.LaunchedAt, ready));
            await empty.StopAsync().ConfigureAwait(false);
        }

        await Progress(string.Create(Invariant, $"seeding {plan.Stored:N0} timers due in {DeadlinesPlan.StoredAhead.TotalDays:0} days"));
        var seeded = await TimerTables.SeedAsync(dataSource, provider, plan.Stored, time.GetUtcNow() + DeadlinesPlan.StoredAhead, plan.ReminderPeriod, cancellationToken)
            .ConfigureAwait(false);

        await Progress(string.Create(Invariant, $"start-up with {plan.Stored:N0} stored"));
        var endpoint = SiloEndpoint.Free();
        LagResult lag;
        DateTimeOffset overdueAt;
        var measured = Launch(endpoint);
        await using (measured.ConfigureAwait(false))
        {
            var ready = await measured.WaitReadyAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            startups.Add(StartupResult.Of(name, "stored", plan.Stored, measured.LaunchedAt, ready));
            lag = await MeasureLagAsync(measured, dataSource, cancellationToken).ConfigureAwait(false);

            await Progress("arming the overdue timer, then kill -9");
            overdueAt = time.GetUtcNow() + plan.OverdueArmedFor;
            var armed = await measured.ArmAsync(TimerKeys.Overdue, 1, overdueAt, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            Check("overdue timer armed before the kill", armed.Failed == 0, armed.FirstError ?? "stored");
            await measured.KillAsync().ConfigureAwait(false);
        }

        var untilOverdue = overdueAt + plan.OverdueBy - time.GetUtcNow();
        if (untilOverdue > TimeSpan.Zero)
        {
            await Task.Delay(untilOverdue, cancellationToken).ConfigureAwait(false);
        }

        await Progress("relaunching on the same endpoint");
        OverdueResult overdue;
        var recovered = Launch(endpoint);
        await using (recovered.ConfigureAwait(false))
        {
            var ready = await recovered.WaitReadyAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            startups.Add(StartupResult.Of(name, "stored, after kill -9", plan.Stored, recovered.LaunchedAt, ready));

            // A reminder whose tick was missed comes round at its next period; a deadline is claimed by the first poll.
            var nextChance = overdueAt + (provider == TimerProvider.Reminders ? plan.ReminderPeriod : TimeSpan.Zero);
            await WaitForFiresAsync(TimerKeys.Overdue, 1, Later(nextChance, ready.TimersLoaded) + plan.FireGrace, cancellationToken).ConfigureAwait(false);
            await Task.Delay(DeadlinesPlan.Settle, cancellationToken).ConfigureAwait(false);
            overdue = OverdueOf(recovered.LaunchedAt, ready, overdueAt);
            await recovered.StopAsync().ConfigureAwait(false);
        }

        await CheckAfterAsync(dataSource, lag, overdue, cancellationToken).ConfigureAwait(false);
        return new ProviderOutcome(name, settings, seeded.TotalSeconds, startups, lag, overdue, checks);
    }

    private async Task<LagResult> MeasureLagAsync(SiloChild silo, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var armingStarted = time.GetUtcNow();
        var firstDue = armingStarted + plan.Lead;
        var lastDue = firstDue + (plan.Spacing * (plan.Due - 1));
        await Progress(string.Create(Invariant, $"arming {plan.Due:N0} timers due over {plan.Window.TotalSeconds:0} s from {plan.Lead.TotalSeconds:0} s on"));
        var armed = await silo.ArmAsync(TimerKeys.Due, plan.Due, firstDue, plan.Spacing, cancellationToken).ConfigureAwait(false);
        var armedBeforeDue = time.GetUtcNow() <= firstDue;
        await Progress(string.Create(Invariant, $"armed in {armed.Elapsed.TotalSeconds:0.0} s ({armed.Failed} failed); waiting for the fires"));
        await WaitForFiresAsync(TimerKeys.Due, armed.Armed, lastDue + plan.FireGrace, cancellationToken).ConfigureAwait(false);

        // Fired is not finished: a deadline's row goes when its outcome is recorded, a reminder's when the grain unregisters it.
        var drainBy = time.GetUtcNow() + DrainTimeout;
        long rowsLeft;
        while ((rowsLeft = await TimerTables.CountAsync(dataSource, provider, TimerKeys.Due, cancellationToken).ConfigureAwait(false)) > 0 && time.GetUtcNow() < drainBy)
        {
            await Task.Delay(TablePoll, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(DeadlinesPlan.Settle, cancellationToken).ConfigureAwait(false);
        var due = fires.Snapshot().Where(static f => f.Key.StartsWith(TimerKeys.Due, StringComparison.Ordinal)).ToList();
        var lags = due.GroupBy(static f => f.Key, StringComparer.Ordinal)
            .Select(g => (g.Min(static f => f.FiredAt) - DueOf(g.Key, firstDue)).TotalMilliseconds)
            .ToList();
        var distinct = lags.Count;
        return new LagResult(
            name,
            plan.Due,
            plan.Window.TotalSeconds,
            armed.Elapsed.TotalSeconds,
            armed.Failed,
            armedBeforeDue,
            distinct,
            plan.Due - distinct,
            due.Count - distinct,
            LagStatistics.Summarize(lags),
            fires.DistinctFired(TimerKeys.Stored),
            rowsLeft);
    }

    private OverdueResult OverdueOf(DateTimeOffset launchedAt, SiloReady ready, DateTimeOffset overdueAt)
    {
        var overdue = fires.Snapshot().Where(static f => f.Key.StartsWith(TimerKeys.Overdue, StringComparison.Ordinal)).ToList();
        var inRecovered = overdue.Where(f => f.Generation == generation).Select(static f => f.FiredAt).Order().ToList();
        DateTimeOffset? first = inRecovered.Count > 0 ? inRecovered[0] : null;
        return new OverdueResult(
            name,
            (launchedAt - overdueAt).TotalMilliseconds,
            (ready.HostStarted - launchedAt).TotalMilliseconds,
            (first - launchedAt)?.TotalMilliseconds,
            (first - ready.HostStarted)?.TotalMilliseconds,
            (first - overdueAt)?.TotalMilliseconds,
            overdue.Count);
    }

    private async Task CheckAfterAsync(NpgsqlDataSource dataSource, LagResult lag, OverdueResult overdue, CancellationToken cancellationToken)
    {
        Check("every due timer armed", lag.ArmFailed == 0, string.Create(Invariant, $"{lag.Due - lag.ArmFailed:N0} of {lag.Due:N0} armed"));
        Check("every due timer fired", lag.Missing == 0, string.Create(Invariant, $"{lag.Fired:N0} of {lag.Due:N0} fired, {lag.Missing:N0} missing"));
        if (provider == TimerProvider.Deadlines)
        {
            Check("no due timer fired twice", lag.ExtraFires == 0, string.Create(Invariant, $"{lag.ExtraFires:N0} extra fires"));
            Check("fired timers gone from the table", lag.RowsLeft == 0, string.Create(Invariant, $"{lag.RowsLeft:N0} rows left"));
        }

        Check("no far-future timer fired", lag.StoredFired == 0 && fires.DistinctFired(TimerKeys.Stored) == 0, string.Create(Invariant, $"{fires.DistinctFired(TimerKeys.Stored):N0} fired"));
        Check(
            "overdue timer fired after kill -9 and restart",
            overdue.LaunchToFireMs is not null && (provider == TimerProvider.Reminders || overdue.Fires == 1),
            overdue.LaunchToFireMs is { } ms
                ? string.Create(Invariant, $"{ms:N0} ms after the relaunch, {overdue.Fires} fire(s)")
                : string.Create(Invariant, $"not fired ({overdue.Fires} fires before the kill)"));
        var stored = await TimerTables.CountAsync(dataSource, provider, TimerKeys.Stored, cancellationToken).ConfigureAwait(false);
        Check("stored timers intact", stored == plan.Stored, string.Create(Invariant, $"{stored:N0} of {plan.Stored:N0} rows"));
    }

    private async Task WaitForFiresAsync(string prefix, int count, DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (fires.DistinctFired(prefix) < count && time.GetUtcNow() < until)
        {
            await Task.Delay(FirePoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private SiloChild Launch(SiloEndpoint endpoint) => SiloChild.Launch(
        scenarioName,
        new TimerSiloOptions(provider, connectionString, endpoint.SiloPort, endpoint.GatewayPort, plan.ReminderPeriod, plan.MinimumReminderPeriod),
        fires,
        ++generation);

    private DateTimeOffset DueOf(string key, DateTimeOffset firstDue) =>
        firstDue + (plan.Spacing * int.Parse(key.AsSpan(TimerKeys.Due.Length), Invariant));

    private void Check(string check, bool passed, string detail) => checks.Add(new DeadlinesCheck(name, check, passed, detail));

    private Task Progress(string step) => Console.Error.WriteLineAsync($"{name}: {step} ...");

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
