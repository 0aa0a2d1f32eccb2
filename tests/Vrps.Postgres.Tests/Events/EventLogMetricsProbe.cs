using System.Diagnostics.Metrics;
using Vrps.Postgres.Events;

namespace Vrps.Postgres.Tests.Events;

/// <summary>Listens to one silo's event log instruments (those its own meter factory made), the way an exporter would.</summary>
internal sealed class EventLogMetricsProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private long read;
    private long delivered;
    private long deliveries;

    public EventLogMetricsProbe(IMeterFactory meterFactory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EventLogMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    public long Read => Interlocked.Read(ref read);

    public long Delivered => Interlocked.Read(ref delivered);

    public long Deliveries => Interlocked.Read(ref deliveries);

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case "vrps.event_log.read":
                Interlocked.Add(ref read, value);
                break;
            case "vrps.event_log.delivered":
                Interlocked.Add(ref delivered, value);
                break;
            case "vrps.event_log.deliveries":
                Interlocked.Add(ref deliveries, value);
                break;
        }
    }
}
