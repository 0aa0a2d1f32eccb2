using System.Diagnostics.Metrics;

namespace Vrps.Postgres.Storage;

/// <summary>
/// What shows that writes coalesce: writes committed, transactions run, writes per transaction, writes waiting. Created through the
/// host's <see cref="IMeterFactory"/>, so a listener can tell one silo's instruments from another's in one process.
/// </summary>
internal sealed class GrainStorageMetrics
{
    public const string MeterName = "Vrps.Postgres.GrainStorage";

    private readonly Counter<long> writes;
    private readonly Counter<long> conflicts;
    private readonly Counter<long> transactions;
    private readonly Counter<long> failedTransactions;
    private readonly UpDownCounter<long> queued;
    private readonly Counter<long> reads;
    private readonly Counter<long> readQueries;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> commitDuration;
    private readonly KeyValuePair<string, object?> provider;

    public GrainStorageMetrics(IMeterFactory meterFactory, string providerName)
    {
        var meter = meterFactory.Create(MeterName);
        provider = new("vrps.grain_storage.provider", providerName);
        writes = meter.CreateCounter<long>("vrps.grain_storage.writes", "{write}", "State writes committed.");
        conflicts = meter.CreateCounter<long>("vrps.grain_storage.conflicts", "{write}", "State writes refused for a stale ETag.");
        transactions = meter.CreateCounter<long>("vrps.grain_storage.transactions", "{transaction}", "Group-commit transactions committed.");
        failedTransactions = meter.CreateCounter<long>("vrps.grain_storage.transactions.failed", "{transaction}", "Group-commit transactions that failed.");
        queued = meter.CreateUpDownCounter<long>("vrps.grain_storage.queued", "{write}", "State writes waiting for a transaction.");
        reads = meter.CreateCounter<long>("vrps.grain_storage.reads", "{read}", "States read.");
        readQueries = meter.CreateCounter<long>("vrps.grain_storage.read_queries", "{query}", "Queries run to read states.");
        batchSize = meter.CreateHistogram<int>("vrps.grain_storage.batch_size", "{write}", "Writes per group-commit transaction.");
        commitDuration = meter.CreateHistogram<double>("vrps.grain_storage.commit.duration", "s", "Time to run and commit one transaction.");
    }

    public void Read(int batch)
    {
        readQueries.Add(1, provider);
        reads.Add(batch, provider);
    }

    public void Enqueued() => queued.Add(1, provider);

    public void Taken(int batch) => queued.Add(-batch, provider);

    public void Committed(int batch, int conflicted, TimeSpan elapsed)
    {
        transactions.Add(1, provider);
        writes.Add(batch - conflicted, provider);
        if (conflicted > 0)
        {
            conflicts.Add(conflicted, provider);
        }

        batchSize.Record(batch, provider);
        commitDuration.Record(elapsed.TotalSeconds, provider);
    }

    public void Failed(int batch)
    {
        failedTransactions.Add(1, provider);
        batchSize.Record(batch, provider);
    }
}
