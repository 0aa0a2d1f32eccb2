using System.Diagnostics.Metrics;

namespace Vrps.Bench.OrleansStorage;

/// <summary>
/// Transactions and committed writes of our providers, from the meter they publish, so the table can show how many
/// writes shared a transaction. The stock provider publishes no such meter: one statement per write.
/// </summary>
internal sealed class StorageCounters : IDisposable
{
    private const string MeterName = "Vrps.Postgres.GrainStorage";
    private const string ProviderTag = "vrps.grain_storage.provider";
    private readonly MeterListener listener = new();
    private readonly Dictionary<string, long[]> totals = new(StringComparer.Ordinal);

    public StorageCounters()
    {
        listener.InstrumentPublished = static (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is "vrps.grain_storage.transactions" or "vrps.grain_storage.writes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    /// <summary>Transactions and writes committed so far by provider <paramref name="name"/>.</summary>
    public (long Transactions, long Writes) Read(string name)
    {
        lock (totals)
        {
            return totals.TryGetValue(name, out var t) ? (t[0], t[1]) : (0, 0);
        }
    }

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? provider = null;
        foreach (var tag in tags)
        {
            if (tag.Key == ProviderTag)
            {
                provider = tag.Value as string;
            }
        }

        if (provider is null)
        {
            return;
        }

        lock (totals)
        {
            if (!totals.TryGetValue(provider, out var t))
            {
                totals[provider] = t = new long[2];
            }

            t[instrument.Name == "vrps.grain_storage.transactions" ? 0 : 1] += measurement;
        }
    }
}
