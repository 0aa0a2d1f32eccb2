using System.Diagnostics.Metrics;

namespace Vrps.Bench.Common;

/// <summary>
/// States read, writes committed and transactions run by one silo's grain storage, totalled from the meter our provider
/// publishes. The provider's meter comes from the silo's <see cref="IMeterFactory"/>, so its scope tells this silo's
/// instruments from those of any other silo in the process.
/// </summary>
internal sealed class GrainStorageMeter : IDisposable
{
    private const string MeterName = "Vrps.Postgres.GrainStorage";
    private const string Reads = "vrps.grain_storage.reads";
    private const string Writes = "vrps.grain_storage.writes";
    private const string Transactions = "vrps.grain_storage.transactions";
    private const string CommitDuration = "vrps.grain_storage.commit.duration";

    private readonly MeterListener listener = new();
    private long reads;
    private long writes;
    private long transactions;
    private long commitMicroseconds;

    public GrainStorageMeter(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name is Reads or Writes or Transactions or CommitDuration)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Interlocked.Add(ref commitMicroseconds, (long)(seconds * 1_000_000)));
        listener.Start();
    }

    public long StateReads => Interlocked.Read(ref reads);

    public long CommittedWrites => Interlocked.Read(ref writes);

    public long CommitTransactions => Interlocked.Read(ref transactions);

    /// <summary>Time spent running and committing transactions; over a run's wall time, how busy the one committer was.</summary>
    public TimeSpan CommitTime => TimeSpan.FromMicroseconds(Interlocked.Read(ref commitMicroseconds));

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case Reads:
                Interlocked.Add(ref reads, measurement);
                break;
            case Writes:
                Interlocked.Add(ref writes, measurement);
                break;
            default:
                Interlocked.Add(ref transactions, measurement);
                break;
        }
    }
}
