using System.Globalization;

namespace Vrps.Bench.RuntimeWrites;

internal static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(RuntimeWritesReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var environment = report.Environment;
        var lines = new List<string>
        {
            string.Format(
                Invariant,
                "Machine: {0} logical CPUs, {1:0.0} GiB memory available to .NET, PostgreSQL {2} (fsync={3}, synchronous_commit={4}), {5}, {6}, load average {7} at start",
                environment.ProcessorCount,
                environment.TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024),
                environment.PostgresVersion,
                environment.Fsync,
                environment.SynchronousCommit,
                environment.Framework,
                environment.Os.Trim(),
                environment.LoadAverage ?? "n/a"),
            string.Format(
                Invariant,
                "Run: {0} mode, {1:N0} measured writes per case after one activating write per grain and {2:N0} warmup writes, {3} concurrent client loops",
                report.Mode,
                report.WritesPerCase,
                report.WarmupWritesPerCase,
                report.Clients),
            string.Empty,
            "| # | Case | Writes/s | p50 ms | p95 ms | p99 ms | Transactions | Writes/tx | Check |",
            "|--:|------|---------:|-------:|-------:|-------:|-------------:|----------:|-------|",
        };
        foreach (var c in report.Cases)
        {
            lines.Add(string.Format(
                Invariant,
                "| {0} | {1} | {2:N0} | {3:0.00} | {4:0.00} | {5:0.00} | {6:N0} | {7:0.0} | {8} |",
                c.Number,
                c.Title,
                c.WritesPerSecond,
                c.Latency.P50Ms,
                c.Latency.P95Ms,
                c.Latency.P99Ms,
                c.Transactions,
                c.WritesPerTransaction,
                c.Check));
        }

        lines.Add(string.Empty);
        lines.Add("| Ratio (writes/s) | Value |");
        lines.Add("|------------------|------:|");
        foreach (var ratio in report.Ratios)
        {
            lines.Add(string.Format(
                Invariant, "| {0} (case {1} / case {2}) | {3:0.0}x |", ratio.Name, ratio.NumeratorCase, ratio.DenominatorCase, ratio.Value));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
