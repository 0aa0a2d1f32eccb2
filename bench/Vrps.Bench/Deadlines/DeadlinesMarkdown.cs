using System.Text;
using Orleans.Hosting;
using Vrps.Postgres.Deadlines;

namespace Vrps.Bench.Deadlines;

/// <summary>The report as Markdown tables, for the console and the README.</summary>
internal static class DeadlinesMarkdown
{
    private const double TargetLagP99Ms = 1000;
    private const double TargetOverdueMs = 5000;

    public static string Render(DeadlinesReport report)
    {
        var text = new StringBuilder();
        var e = report.Environment;
        var plan = report.Plan;
        var deadlines = report.Of(TimerProvider.Deadlines);
        var reminders = report.Of(TimerProvider.Reminders);
        var d = deadlines.Settings;
        var r = reminders.Settings;
        text.AppendLine(I($"## Deadlines vs Orleans reminders — {report.Mode} run ({report.DurationSeconds:0} s)")).AppendLine();
        text.AppendLine(
            I($"{e.ProcessorCount} cores, PostgreSQL {e.PostgresVersion} (fsync {e.Fsync}, synchronous_commit {e.SynchronousCommit}), {e.Framework}, ")
            + I($"load average {e.LoadAverage ?? "n/a"} at start. One private Postgres, one database per provider; every silo is an Orleans silo in a child ")
            + "process of its own (our ADO.NET clustering plus one timer provider, wired by the product's extension methods).").AppendLine();
        text.AppendLine(
            I($"- **deadlines** (`AddPostgresDeadlines`, product defaults): PollInterval {d[nameof(DeadlineOptions.PollInterval)]}, Lease {d[nameof(DeadlineOptions.Lease)]}, BatchSize {d[nameof(DeadlineOptions.BatchSize)]}, ")
            + I($"MaxConcurrentFires {d[nameof(DeadlineOptions.MaxConcurrentFires)]}, RetryDelay {d[nameof(DeadlineOptions.RetryDelay)]}. Armed by the grain with `IDeadlines.SetAsync`; fires call `IDeadlineReceiver.OnDeadlineAsync`."));
        text.AppendLine(
            I($"- **reminders** (`Microsoft.Orleans.Reminders.AdoNet` on our schema, `UsePostgresReminders`), used as one-shot timers: the grain calls ")
            + I($"`RegisterOrUpdateReminder(dueTime = due − now, period {r[nameof(ReminderUsage.Period)]})` and, on the first tick, `UnregisterReminder` (with the handle from ")
            + I($"registration, or `GetReminder` after a restart); every tick is counted. MinimumReminderPeriod {r[nameof(ReminderOptions.MinimumReminderPeriod)]} ")
            + (plan.MinimumReminderPeriod == TimeSpan.FromMinutes(1) ? "(Orleans' default)" : "(configured down from Orleans' 1 min default so the quick run fits CI)")
            + I($", RefreshReminderListPeriod {r[nameof(ReminderOptions.RefreshReminderListPeriod)]}, ReminderLoadingWindow {r[nameof(ReminderOptions.ReminderLoadingWindow)]}, InitializationTimeout {r[nameof(ReminderOptions.InitializationTimeout)]} (defaults)."));
        text.AppendLine(
            I($"- Stored timers: {plan.Stored:N0} per provider, due in {DeadlinesPlan.StoredAhead.TotalDays:0} days, bulk-copied into the provider's table ")
            + I($"({deadlines.SeedSeconds:0.0} s / {reminders.SeedSeconds:0.0} s).")).AppendLine();

        text.AppendLine("### 1. Start-up and memory with timers stored").AppendLine();
        text.AppendLine("Times from the process launch. \"Loaded\" is when stored timers can fire: for reminders Orleans' `ReminderServiceStarted` (the local reminder service has read its whole ring range), for deadlines the end of start-up (they read nothing at start). Memory once loaded: managed heap after a full compacting GC, working set then, peak working set so far, bytes allocated since launch.").AppendLine();
        text.AppendLine("| provider | case | stored | launch → started ms | host start ms | launch → loaded ms | GC heap MiB | working set MiB | peak WS MiB | allocated MiB |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in report.Providers.SelectMany(static p => p.Startups))
        {
            text.AppendLine(
                I($"| {s.Provider} | {s.Case} | {s.Stored:N0} | {s.LaunchToStartedMs:N0} | {s.HostStartMs:N0} | {s.LaunchToLoadedMs:N0} | ")
                + I($"{s.GcHeapMiB:N1} | {s.WorkingSetMiB:N0} | {s.PeakWorkingSetMiB:N0} | {s.AllocatedMiB:N0} |"));
        }

        var ds = deadlines.Startups[1];
        var rs = reminders.Startups[1];
        text.AppendLine().AppendLine(
            I($"With {plan.Stored:N0} stored, reminders ÷ deadlines: launch → loaded **{Ratio(rs.LaunchToLoadedMs, ds.LaunchToLoadedMs)}**, ")
            + I($"GC heap **{Ratio(rs.GcHeapMiB, ds.GcHeapMiB)}**, working set **{Ratio(rs.WorkingSetMiB, ds.WorkingSetMiB)}**, ")
            + I($"peak working set **{Ratio(rs.PeakWorkingSetMiB, ds.PeakWorkingSetMiB)}**, allocated **{Ratio(rs.AllocatedMiB, ds.AllocatedMiB)}**. ")
            + I($"{plan.Stored:N0} stored ÷ nothing stored, launch → loaded: deadlines {Ratio(ds.LaunchToLoadedMs, deadlines.Startups[0].LaunchToLoadedMs)}, ")
            + I($"reminders {Ratio(rs.LaunchToLoadedMs, reminders.Startups[0].LaunchToLoadedMs)}.")).AppendLine();

        text.AppendLine(I($"### 2. Lag: {plan.Due:N0} timers due evenly over {plan.Window.TotalSeconds:0} s, {plan.Stored:N0} stored beside them")).AppendLine();
        text.AppendLine(I($"Armed through grain calls (64 in flight) from {plan.Lead.TotalSeconds:0} s before the first due time; lag = the grain's fired-at minus due-at, first fire per timer."))
            .AppendLine();
        text.AppendLine("| provider | due | armed in s | armed before first due | fired | missing | extra fires | lag p50 ms | p95 ms | p99 ms | max ms | far-future fired | rows left |");
        text.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in report.Providers.Select(static p => p.Lag))
        {
            text.AppendLine(
                I($"| {l.Provider} | {l.Due:N0} | {l.ArmSeconds:N1} | {(l.ArmedBeforeFirstDue ? "yes" : "NO")} | {l.Fired:N0} | {l.Missing:N0} | {l.ExtraFires:N0} | ")
                + I($"{l.Lag.P50Ms:N0} | {l.Lag.P95Ms:N0} | {l.Lag.P99Ms:N0} | {l.Lag.MaxMs:N0} | {l.StoredFired:N0} | {l.RowsLeft:N0} |"));
        }

        text.AppendLine().AppendLine(
            I($"Lag p99 reminders ÷ deadlines: **{Ratio(reminders.Lag.Lag.P99Ms, deadlines.Lag.Lag.P99Ms)}**. ")
            + I($"Brief §6 target, deadlines p99 ≤ {TargetLagP99Ms:N0} ms: **{(deadlines.Lag.Lag.P99Ms <= TargetLagP99Ms ? "met" : "missed")}**")
            + (report.Mode == "quick" ? " (quick run: reported, not a measurement)." : ".")).AppendLine();

        text.AppendLine("### 3. Overdue after kill -9").AppendLine();
        text.AppendLine(
            I($"A timer set {plan.OverdueArmedFor.TotalSeconds:0} s ahead, the silo killed with SIGKILL right after it was stored, the next silo launched on the same endpoint ")
            + I($"{plan.OverdueBy.TotalSeconds:0} s after the due time.")).AppendLine();
        text.AppendLine("| provider | overdue at launch ms | launch → started ms | launch → fire ms | started → fire ms | due → fire ms | fires |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var o in report.Providers.Select(static p => p.Overdue))
        {
            text.AppendLine(
                I($"| {o.Provider} | {o.OverdueByMs:N0} | {o.LaunchToStartedMs:N0} | {Ms(o.LaunchToFireMs)} | {Ms(o.StartedToFireMs)} | {Ms(o.DueToFireMs)} | {o.Fires} |"));
        }

        text.AppendLine().AppendLine(
            I($"A reminder skips a tick missed while no silo ran: it fires at its next period ({r[nameof(ReminderUsage.Period)]} after the due time), not when the silo is back. ")
            + I($"Launch → fire reminders ÷ deadlines: **{Ratio(reminders.Overdue.LaunchToFireMs, deadlines.Overdue.LaunchToFireMs)}**. ")
            + I($"Brief §6 target, overdue deadlines fire ≤ {TargetOverdueMs / 1000:N0} s after recovery (silo started → fire): ")
            + I($"**{(deadlines.Overdue.StartedToFireMs is { } f && f <= TargetOverdueMs ? "met" : "missed")}**.")).AppendLine();

        foreach (var check in report.Checks)
        {
            text.AppendLine(I($"- [{(check.Passed ? "ok" : "FAIL")}] {check.Provider}: {check.Name} — {check.Detail}"));
        }

        text.AppendLine(report.Passed ? "All checks passed." : "FAIL: some checks failed.");
        return text.ToString();
    }

    private static string Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? I($"{v / b:0.00}×") : "n/a";

    private static string Ms(double? value) => value is { } v ? I($"{v:N0}") : "never";

    private static string I(FormattableString value) => FormattableString.Invariant(value);
}
