using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace Vrps.Postgres.Storage;

/// <summary>
/// Group commit for one storage provider of the silo. Every write queues here; whatever queued while the previous
/// transaction ran becomes the next transaction (up to the batch size), so the more activations write at once, the
/// fewer transactions per write. A write's task completes only after the transaction holding it committed; when a
/// transaction fails, every write in it fails. One transaction runs at a time, and a state never appears twice in
/// one: a second write of the same state waits for the next transaction, so each state's writes commit in order.
/// </summary>
internal sealed partial class GrainStorageCommitter(
    string providerName,
    NpgsqlDataSource dataSource,
    int maxBatchSize,
    GrainStorageMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private readonly Channel<StateWrite> queue = Channel.CreateUnbounded<StateWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startGate = new();
    private Task? loop;

    public void Enqueue(StateWrite write)
    {
        EnsureStarted();

        // Counted before it can be taken, so the number waiting never reads below zero.
        metrics.Enqueued();
        if (!queue.Writer.TryWrite(write))
        {
            metrics.Taken(1);
            write.Fail(new GrainStorageWriteException($"Grain storage '{providerName}' is stopping: {write.Subject} was not stored."));
        }
    }

    /// <summary>Stops taking writes and waits until every write already queued has committed or failed.</summary>
    public async Task StopAsync()
    {
        queue.Writer.TryComplete();
        Task? running;
        lock (startGate)
        {
            running = loop;
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref loop) is not null)
        {
            return;
        }

        lock (startGate)
        {
            loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var deferred = new List<StateWrite>();
        while (deferred.Count > 0 || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = TakeBatch(reader, deferred);
            if (batch.Count > 0)
            {
                metrics.Taken(batch.Count);
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The next transaction: first the writes deferred earlier, then new ones, each state at most once. A later write
    /// of a state already in the batch (a reentrant grain writing twice) is deferred, and so is everything after it
    /// for that state, keeping each state's writes in the order they were made. An effects-only write is deferred
    /// while any earlier write of its grain is, and defers that grain's later state writes in turn, so a grain's
    /// flushed effects commit after its earlier writes (or with them) and before its later ones.
    /// </summary>
    private List<StateWrite> TakeBatch(ChannelReader<StateWrite> reader, List<StateWrite> deferred)
    {
        var batch = new List<StateWrite>();
        var taken = new HashSet<StateKey>();
        var held = new HashSet<StateKey>();
        var heldGrains = new HashSet<(string, string)>();
        var heldFlushes = new HashSet<(string, string)>();
        var stillDeferred = new List<StateWrite>();
        foreach (var write in deferred)
        {
            Place(write);
        }

        deferred.Clear();
        while (batch.Count < maxBatchSize && reader.TryRead(out var write))
        {
            Place(write);
        }

        deferred.AddRange(stillDeferred);
        return batch;

        void Place(StateWrite write)
        {
            var fits = batch.Count < maxBatchSize && (write.WritesState
                ? !held.Contains(write.Key) && !heldFlushes.Contains(write.Grain) && taken.Add(write.Key)
                : !heldGrains.Contains(write.Grain));
            if (fits)
            {
                batch.Add(write);
                return;
            }

            heldGrains.Add(write.Grain);
            if (write.WritesState)
            {
                held.Add(write.Key);
            }
            else
            {
                heldFlushes.Add(write.Grain);
            }

            stillDeferred.Add(write);
        }
    }

    private async Task CommitAsync(List<StateWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        Dictionary<StateWrite, long?> conflicts;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            var now = time.GetUtcNow();
            conflicts = await CommitAtOnceAsync(connection, batch, now).ConfigureAwait(false)
                ?? await CommitInStepsAsync(connection, batch, now).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            GrainStorageLog.TransactionFailed(logger, providerName, batch.Count, exception);
            metrics.Failed(batch.Count);
            // The cause stays in the silo's log and in the message: a driver exception would not survive the trip
            // to a caller in another process (Orleans has no codec for it).
            var cause = exception is PostgresException postgres ? $"SQLSTATE {postgres.SqlState}: {postgres.MessageText}" : $"{exception.GetType().Name}: {exception.Message}";
            foreach (var write in batch)
            {
                write.Fail(new GrainStorageWriteException(write.WritesState
                    ? $"The transaction holding the write of {write.Key} failed ({cause}); neither the state nor its staged effects were stored."
                    : $"The transaction holding {write.Subject} failed ({cause}); none of them were stored."));
            }

            return;
        }

        metrics.Committed(batch.Count, conflicts.Count, Stopwatch.GetElapsedTime(started));
        foreach (var write in batch)
        {
            if (conflicts.TryGetValue(write, out var stored))
            {
                GrainStorageLog.Conflict(logger, providerName, write.Key, write.ExpectedVersion?.ToString(CultureInfo.InvariantCulture));
                write.Fail(Conflict(write, stored));
            }
            else
            {
                write.Committed();
            }
        }
    }

    private static InconsistentStateException Conflict(StateWrite write, long? stored)
    {
        var expected = write.ExpectedVersion?.ToString(CultureInfo.InvariantCulture);
        var storedETag = stored?.ToString(CultureInfo.InvariantCulture);
        var message = write.ExpectedVersion is null
            ? $"{write.Key} was written as new, but version {storedETag} is stored: another activation wrote it."
            : $"{write.Key} was written with ETag {expected}, but version {storedETag ?? "(none)"} is stored: another activation wrote it.";
        return new InconsistentStateException(message, storedEtag: storedETag ?? string.Empty, currentEtag: expected ?? string.Empty);
    }
}
