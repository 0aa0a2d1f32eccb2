using System.Diagnostics.Metrics;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>
/// Listens to one silo's grain storage instruments (those its own meter factory made, for one provider), the way an
/// exporter would, so tests observe coalescing from outside.
/// </summary>
internal sealed class StorageMetricsProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly string provider;
    private long writes;
    private long conflicts;
    private long transactions;
    private long failedTransactions;
    private long queued;
    private long reads;
    private long readQueries;
    private int largestBatch;

    public StorageMetricsProbe(IMeterFactory meterFactory, string provider)
    {
        this.provider = provider;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GrainStorageMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnLong);
        listener.SetMeasurementEventCallback<int>(OnInt);
        listener.Start();
    }

    public long Writes => Interlocked.Read(ref writes);

    public long Conflicts => Interlocked.Read(ref conflicts);

    public long Transactions => Interlocked.Read(ref transactions);

    public long FailedTransactions => Interlocked.Read(ref failedTransactions);

    /// <summary>Writes queued and not yet taken into a transaction.</summary>
    public long Queued => Interlocked.Read(ref queued);

    public long Reads => Interlocked.Read(ref reads);

    public long ReadQueries => Interlocked.Read(ref readQueries);

    public int LargestBatch => Volatile.Read(ref largestBatch);

    public void Dispose() => listener.Dispose();

    private bool Mine(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "vrps.grain_storage.provider")
            {
                return Equals(tag.Value, provider);
            }
        }

        return false;
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!Mine(tags))
        {
            return;
        }

        switch (instrument.Name)
        {
            case "vrps.grain_storage.writes":
                Interlocked.Add(ref writes, value);
                break;
            case "vrps.grain_storage.conflicts":
                Interlocked.Add(ref conflicts, value);
                break;
            case "vrps.grain_storage.transactions":
                Interlocked.Add(ref transactions, value);
                break;
            case "vrps.grain_storage.transactions.failed":
                Interlocked.Add(ref failedTransactions, value);
                break;
            case "vrps.grain_storage.reads":
                Interlocked.Add(ref reads, value);
                break;
            case "vrps.grain_storage.read_queries":
                Interlocked.Add(ref readQueries, value);
                break;
            case "vrps.grain_storage.queued":
                Interlocked.Add(ref queued, value);
                break;
        }
    }

    private void OnInt(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (Mine(tags) && instrument.Name == "vrps.grain_storage.batch_size")
        {
            int seen;
            while ((seen = Volatile.Read(ref largestBatch)) < value && Interlocked.CompareExchange(ref largestBatch, value, seen) != seen)
            {
            }
        }
    }
}
