using System.Globalization;
using System.Text;

namespace Vrps.Bench.Reminders;

/// <summary>The report as markdown tables, for the console and the README.</summary>
internal static class RemindersMarkdown
{
    public static string Render(RemindersReport report)
    {
        var text = new StringBuilder();
        var env = report.Environment;
        var runtime = report.Runtime;
        text.AppendLine(I($"## Reminders — {report.Mode} run ({report.DurationSeconds:0} s)")).AppendLine();
        text.AppendLine(
            I($"{report.Stored:N0} reminders stored; {report.Due:N0} of them due uniformly over {report.WindowSeconds:0} s ({report.OfferedPerSecond:N0} due/s). ")
            + I($"Silo on the product defaults: ReminderBatchSize {runtime.ReminderBatchSize:N0}, MaxConcurrentReminderFires {runtime.MaxConcurrentReminderFires:N0}, ")
            + I($"ReminderPollInterval {runtime.ReminderPollIntervalMs:N0} ms. {env.ProcessorCount} cores, PostgreSQL {env.PostgresVersion}, fsync {env.Fsync}, ")
            + I($"load average before the run {env.LoadAverage ?? "n/a"}.")).AppendLine();

        text.AppendLine(I($"| reminders stored | silo start ms (median of {report.Startup[0].StartMs.Count}) | start → first overdue fire ms (median) | samples: start / first fire ms |"));
        text.AppendLine("| ---: | ---: | ---: | --- |");
        foreach (var startup in report.Startup)
        {
            text.AppendLine(I($"| {startup.Stored:N0} | {startup.MedianStartMs:N1} | {startup.MedianFirstFireMs:N1} | {List(startup.StartMs)} / {List(startup.FirstFireMs)} |"));
        }

        text.AppendLine().AppendLine(
            I($"Start-up with {report.Startup[^1].Stored:N0} vs {report.Startup[0].Stored:N0} stored: **{report.StartupRatio:0.00}×** the time to the first fire ")
            + (report.StartupIndependent ? "(independent of the number stored)." : "(DEPENDS on the number stored).")).AppendLine();

        text.AppendLine("| mode | due | fired | duplicates | missed | far-future fired | fires/s | peak/s | lag p50 ms | p95 ms | p99 ms | max ms |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var b in report.DueBatch)
        {
            text.AppendLine(
                I($"| {b.Mode} | {b.Due:N0} | {b.Fired:N0} | {b.Duplicates:N0} | {b.Missed:N0} | {b.FarFired:N0} | {b.FiresPerSecond:N0} | {b.PeakFiresPerSecond:N0} | ")
                + I($"{b.Lag.P50Ms:N1} | {b.Lag.P95Ms:N1} | {b.Lag.P99Ms:N1} | {b.Lag.MaxMs:N1} |"));
        }

        text.AppendLine().AppendLine(
            I($"Silo vs baseline: lag p99 **{report.LagP99Ratio:0.00}×** the baseline's, fires/s **{report.FiresPerSecondRatio:0.00}×**. ")
            + I($"Target (p99 ≤ {RemindersPlan.TargetP99Ms:N0} ms; start-up independent of the number stored): **{(report.TargetMet ? "met" : "MISSED")}**.")).AppendLine();
        text.AppendLine("Lag p99 ms by sixth of the batch, in due order: "
            + string.Join("; ", report.DueBatch.Select(b => I($"{b.Mode}: {string.Join(" / ", b.LagP99BySlice.Select(Ms))}"))) + ".").AppendLine();

        text.AppendLine("Where the time went while the batch fired (SQL durations from Npgsql's traces, classified by statement):").AppendLine();
        text.AppendLine("| mode | statement | count | per s | mean ms | p50 ms | p99 ms | max ms | total s | gap p50 ms | gap p99 ms | gap max ms |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var b in report.DueBatch)
        {
            foreach (var s in b.Diagnostics.Statements)
            {
                text.AppendLine(
                    I($"| {b.Mode} | {s.Statement} | {s.Count:N0} | {s.PerSecond:N0} | {s.MeanMs:N2} | {s.P50Ms:N2} | {s.P99Ms:N2} | {s.MaxMs:N1} | {s.TotalSeconds:N1} | ")
                    + I($"{s.GapP50Ms:N1} | {s.GapP99Ms:N1} | {s.GapMaxMs:N1} |"));
            }
        }

        text.AppendLine().AppendLine("Postgres' counters per fired reminder (table and due-time index of each design; WAL is the whole server):").AppendLine();
        text.AppendLine("| mode | rows updated | of them HOT | rows deleted | due-index scans | entries read per scan | due-index pages | heap pages | all-index pages | WAL records | WAL bytes | WAL syncs | commits |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var b in report.DueBatch)
        {
            var c = b.Counters;
            double fired = Math.Max(1, b.Fired);
            text.AppendLine(
                I($"| {b.Mode} | {c.Updates / fired:N2} | {c.HotUpdates / fired:N2} | {c.Deletes / fired:N2} | {c.DueIndexScans / fired:N3} | ")
                + I($"{(c.DueIndexScans > 0 ? c.DueIndexEntriesRead / (double)c.DueIndexScans : 0):N1} | {c.DueIndexBlocks / fired:N2} | {c.HeapBlocks / fired:N2} | ")
                + I($"{c.AllIndexBlocks / fired:N2} | {c.WalRecords / fired:N2} | {c.WalBytes / fired:N0} | {c.WalSyncs / fired:N3} | {c.Commits / fired:N3} |"));
        }

        text.AppendLine().AppendLine("The claim's scan (read-only form), explained while the batch fired — seconds into the window: server ms / pages / due rows found:").AppendLine();
        foreach (var b in report.DueBatch)
        {
            text.AppendLine(I($"- {b.Mode}: ") + string.Join("; ", b.ScanSamples.Select(x => I($"{x.AtSeconds:N0} s: {x.ExecutionMs:N2} ms / {x.Blocks:N0} / {x.Rows:N0}"))));
        }

        text.AppendLine();
        foreach (var b in report.DueBatch)
        {
            var d = b.Diagnostics;
            text.AppendLine(
                I($"- {b.Mode}: machine CPU busy {d.MachineBusyPercent:N0}% over {d.WindowSeconds:N1} s, this process {d.ProcessCores:N2} cores")
                + (d.DispatchLag.Count > 0
                    ? I($"; runtime vrps.reminders.lag (due → dispatch to the grain) p50 {d.DispatchLag.P50Ms:N1} ms, p99 {d.DispatchLag.P99Ms:N1} ms, max {d.DispatchLag.MaxMs:N1} ms")
                    : string.Empty)
                + ".");
        }

        foreach (var failure in report.Failures)
        {
            text.AppendLine(I($"- FAILED: {failure}"));
        }

        return text.ToString();
    }

    private static string List(IEnumerable<double> values) => string.Join(", ", values.Select(Ms));

    private static string Ms(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string I(FormattableString value) => FormattableString.Invariant(value);
}
