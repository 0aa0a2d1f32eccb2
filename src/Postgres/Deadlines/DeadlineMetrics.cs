using System.Diagnostics.Metrics;

namespace Vrps.Postgres.Deadlines;

/// <summary>What an operator (and the benchmark) watches: how many deadlines fire, fail, and how late they fire.</summary>
internal sealed class DeadlineMetrics
{
    public const string MeterName = "Vrps.Deadlines";

    private readonly Counter<long> fired;
    private readonly Counter<long> failed;
    private readonly Histogram<double> lag;

    public DeadlineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        fired = meter.CreateCounter<long>("vrps.deadlines.fired", description: "Deadlines fired successfully.");
        failed = meter.CreateCounter<long>("vrps.deadlines.failed", description: "Fires that failed and will be retried.");
        lag = meter.CreateHistogram<double>("vrps.deadlines.lag", unit: "ms", description: "Business time from due to fire.");
    }

    public void Fired(TimeSpan late)
    {
        fired.Add(1);
        lag.Record(late.TotalMilliseconds);
    }

    public void Failed() => failed.Add(1);
}
