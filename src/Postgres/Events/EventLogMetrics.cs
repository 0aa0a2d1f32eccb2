using System.Diagnostics.Metrics;

namespace Vrps.Postgres.Events;

/// <summary>What an operator (and the benchmark) watches: events read from the log and events Orleans delivered, per provider.</summary>
internal sealed class EventLogMetrics
{
    public const string MeterName = "Vrps.EventLog";
    public const string ProviderTag = "provider";

    private readonly Counter<long> read;
    private readonly Counter<long> delivered;

    public EventLogMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        read = meter.CreateCounter<long>("vrps.event_log.read", description: "Events read from the log by a queue.");
        delivered = meter.CreateCounter<long>("vrps.event_log.delivered", description: "Events Orleans reported delivered to every subscriber.");
    }

    public void Read(string provider, int count)
    {
        if (count > 0)
        {
            read.Add(count, new KeyValuePair<string, object?>(ProviderTag, provider));
        }
    }

    public void Delivered(string provider, int count)
    {
        if (count > 0)
        {
            delivered.Add(count, new KeyValuePair<string, object?>(ProviderTag, provider));
        }
    }
}
