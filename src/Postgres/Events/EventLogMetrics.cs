using System.Diagnostics.Metrics;

namespace Vrps.Postgres.Events;

/// <summary>What an operator (and the benchmark) watches: events read from the log and events Orleans delivered, per provider.</summary>
internal sealed class EventLogMetrics
{
    public const string MeterName = "Vrps.EventLog";
    public const string ProviderTag = "provider";

    private readonly Counter<long> read;
    private readonly Counter<long> delivered;
    private readonly Counter<long> deliveries;

    public EventLogMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        read = meter.CreateCounter<long>("vrps.event_log.read", description: "Events read from the log by a queue.");
        delivered = meter.CreateCounter<long>("vrps.event_log.delivered", description: "Events Orleans reported delivered to every subscriber.");
        deliveries = meter.CreateCounter<long>("vrps.event_log.deliveries", description: "Deliveries Orleans reported complete, each of consecutive events of one stream.");
    }

    public void Read(string provider, int count)
    {
        if (count > 0)
        {
            read.Add(count, new KeyValuePair<string, object?>(ProviderTag, provider));
        }
    }

    public void Delivered(string provider, int events, int batches)
    {
        if (events > 0)
        {
            delivered.Add(events, new KeyValuePair<string, object?>(ProviderTag, provider));
        }

        if (batches > 0)
        {
            deliveries.Add(batches, new KeyValuePair<string, object?>(ProviderTag, provider));
        }
    }
}
