using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Storage;

/// <summary>
/// Group commit. Every state write, event and reminder change on the silo goes through one queue; whatever has
/// queued up while the transactions in flight ran becomes the next transaction. Each item's task completes only when
/// that transaction has committed, or fails with it. Up to <c>maxInFlight</c> transactions run at once, on disjoint
/// grains: a grain's items wait while an earlier transaction of the same grain is in flight, so each grain's writes
/// still commit one transaction after another, in order (its versions chain), and event appends stay ordered by the
/// outbox lock.
/// </summary>
internal sealed partial class StateCommitter
{
    private readonly Channel<CommitItem> queue = Channel.CreateUnbounded<CommitItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RuntimeMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly int maxBatchSize;
    private readonly SemaphoreSlim slots;
    private TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock busyGate = new();
    private readonly HashSet<GrainId> busy = [];
    private readonly List<Task> running = [];
    private Task? loop;

    public StateCommitter(StateStore store, RuntimeMetrics metrics, TimeProvider time, int maxBatchSize, ILogger logger, int maxInFlight = 1)
    {
        Store = store;
        this.metrics = metrics;
        this.time = time;
        this.maxBatchSize = Math.Max(1, maxBatchSize);
        this.logger = logger;
        slots = new SemaphoreSlim(Math.Max(1, maxInFlight));
    }

    public StateStore Store { get; }

    /// <summary>Raised after a commit that appended events.</summary>
    public event Action? EventsCommitted;

    /// <summary>Raised after a commit that scheduled reminders, with the earliest due time among them.</summary>
    public event Action<DateTimeOffset>? RemindersScheduled;

    public void Start() => loop ??= Task.Run(RunAsync);

    public void Enqueue(CommitItem item)
    {
        if (!queue.Writer.TryWrite(item))
        {
            item.Fail(new GrainStorageException("The silo is stopping: this write was not stored."));
        }
    }

    /// <summary>Stops taking writes and waits until everything already queued has committed or failed.</summary>
    public async Task StopAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var deferred = new List<CommitItem>();
        Task<bool>? readable = null;
        while (true)
        {
            await slots.WaitAsync().ConfigureAwait(false);

            // Taken before looking, so a transaction that finishes meanwhile still wakes the wait below.
            var anyFinished = Volatile.Read(ref finished).Task;
            var batch = TakeBatch(reader, deferred);
            while (batch.Count == 0)
            {
                // One outstanding wait on the channel at a time: a wait that lost the race below is reused.
                readable = readable is { IsCompleted: false } ? readable : reader.WaitToReadAsync().AsTask();
                if (deferred.Count == 0)
                {
                    if (!await readable.ConfigureAwait(false))
                    {
                        await Task.WhenAll(SnapshotRunning()).ConfigureAwait(false);
                        return;
                    }
                }
                else
                {
                    // Only a finished transaction frees a deferred grain; new items may also arrive meanwhile.
                    await Task.WhenAny(readable, anyFinished).ConfigureAwait(false);
                    if (readable.IsCompleted && !readable.Result && !anyFinished.IsCompleted)
                    {
                        await anyFinished.ConfigureAwait(false);
                    }
                }

                anyFinished = Volatile.Read(ref finished).Task;
                batch = TakeBatch(reader, deferred);
            }

            var grains = GrainsOf(batch);
            lock (busyGate)
            {
                busy.UnionWith(grains);
            }

            var commit = CommitThenReleaseAsync(batch, grains);
            lock (running)
            {
                running.RemoveAll(static t => t.IsCompleted);
                running.Add(commit);
            }
        }
    }

    private async Task CommitThenReleaseAsync(List<CommitItem> batch, HashSet<GrainId> grains)
    {
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
        }
        finally
        {
            lock (busyGate)
            {
                busy.ExceptWith(grains);
            }

            slots.Release();
            Interlocked.Exchange(ref finished, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>
    /// The next transaction's items: first those deferred earlier whose grains are free now, then new ones. An item
    /// whose grain is in a transaction in flight — or has an earlier item still deferred — waits, keeping per-grain order.
    /// </summary>
    private List<CommitItem> TakeBatch(ChannelReader<CommitItem> reader, List<CommitItem> deferred)
    {
        var batch = new List<CommitItem>();
        HashSet<GrainId> inFlight;
        lock (busyGate)
        {
            inFlight = busy.Count == 0 ? [] : [.. busy];
        }

        var blocked = new HashSet<GrainId>();
        var stillDeferred = 0;
        for (var i = 0; i < deferred.Count; i++)
        {
            var item = deferred[i];
            var grain = GrainOf(item);
            if (batch.Count >= maxBatchSize || (grain is { } g && (inFlight.Contains(g) || blocked.Contains(g))))
            {
                deferred[stillDeferred++] = item;
                if (grain is { } held)
                {
                    blocked.Add(held);
                }
            }
            else
            {
                batch.Add(item);
            }
        }

        deferred.RemoveRange(stillDeferred, deferred.Count - stillDeferred);
        while (batch.Count < maxBatchSize && reader.TryRead(out var item))
        {
            if (GrainOf(item) is { } grain && (inFlight.Contains(grain) || blocked.Contains(grain)))
            {
                deferred.Add(item);
                blocked.Add(grain);
            }
            else
            {
                batch.Add(item);
            }
        }

        return batch;
    }

    private static GrainId? GrainOf(CommitItem item) => item.Owner?.Id ?? item.Write?.Grain;

    private static HashSet<GrainId> GrainsOf(List<CommitItem> batch)
    {
        var grains = new HashSet<GrainId>();
        foreach (var item in batch)
        {
            if (GrainOf(item) is { } grain)
            {
                grains.Add(grain);
            }
        }

        return grains;
    }

    private Task[] SnapshotRunning()
    {
        lock (running)
        {
            return [.. running];
        }
    }

    private async Task CommitAsync(List<CommitItem> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        HashSet<CommitItem> conflicts;
        DateTimeOffset? earliestReminder;
        bool appendedEvents;
        try
        {
            await using var connection = await Store.DataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            conflicts = await WriteStatesAsync(connection, batch, now).ConfigureAwait(false);
            var events = new List<PendingEvent>();
            var reminders = new List<ReminderChange>();
            var index = new List<IndexedRow>();
            foreach (var item in batch)
            {
                if (conflicts.Contains(item) || item.Effects is not { } effects)
                {
                    continue;
                }

                events.AddRange(effects.Events ?? []);
                reminders.AddRange(effects.Reminders ?? []);
                index.AddRange(effects.Index ?? []);
            }

            earliestReminder = await WriteEffectsAsync(connection, events, reminders, index).ConfigureAwait(false);
            appendedEvents = events.Count > 0;
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            CommitterLog.CommitFailed(logger, batch.Count, exception);
            var failure = new GrainStorageException(
                $"The storage commit failed ({exception.GetType().Name}: {exception.Message}); nothing of this call was stored.", exception);
            foreach (var item in batch)
            {
                item.Fail(failure);
            }

            metrics.CommitFailed(batch.Count);
            return;
        }

        metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
        foreach (var item in batch)
        {
            if (conflicts.Contains(item))
            {
                var write = item.Write!;
                item.Fail((Exception?)item.Owner?.CommitFailure ?? new StateConflictException(write.Grain, write.StateName, write.ExpectedVersion));
            }
            else
            {
                item.Succeed();
            }
        }

        if (appendedEvents)
        {
            EventsCommitted?.Invoke();
        }

        if (earliestReminder is { } due)
        {
            RemindersScheduled?.Invoke(due);
        }
    }

    /// <summary>
    /// Folds the writes of each grain state into one row change: consecutive versions v, v+1, … v+n-1 from a
    /// pipelining activation become one UPDATE from v to v+n. Returns the items whose expected version did not hold.
    /// </summary>
    private static async Task<HashSet<CommitItem>> WriteStatesAsync(NpgsqlConnection connection, List<CommitItem> batch, DateTimeOffset now)
    {
        var conflicts = new HashSet<CommitItem>();
        var chains = new Dictionary<(string Type, string Key, string Name), StateChain>();
        foreach (var item in batch)
        {
            if (item.Write is not { } write)
            {
                continue;
            }

            var key = (write.Grain.Type, write.Grain.Key, write.StateName);
            if (!chains.TryGetValue(key, out var chain))
            {
                chains[key] = chain = new StateChain(write.ExpectedVersion);
            }

            if (write.ExpectedVersion != chain.NextVersion)
            {
                conflicts.Add(item);
                continue;
            }

            chain.Items.Add(item);
            chain.Payload = write.Payload;
            chain.NextVersion++;
        }

        if (chains.Count == 0)
        {
            return conflicts;
        }

        var updates = chains.Where(static c => c.Value.FirstVersion > 0).ToList();
        var inserts = chains.Where(static c => c.Value.FirstVersion == 0).ToList();
        await using var command = new NpgsqlBatch(connection);
        if (updates.Count > 0)
        {
            var update = new NpgsqlBatchCommand(StorageSql.UpdateStates);
            update.Parameters.AddWithValue("types", updates.Select(static c => c.Key.Type).ToArray());
            update.Parameters.AddWithValue("keys", updates.Select(static c => c.Key.Key).ToArray());
            update.Parameters.AddWithValue("names", updates.Select(static c => c.Key.Name).ToArray());
            update.Parameters.AddWithValue("expected", updates.Select(static c => c.Value.FirstVersion).ToArray());
            update.Parameters.AddWithValue("new_versions", updates.Select(static c => c.Value.NextVersion).ToArray());
            update.Parameters.AddWithValue("payloads", updates.Select(static c => c.Value.Payload).ToArray());
            update.Parameters.AddWithValue("now", now);
            command.BatchCommands.Add(update);
        }

        if (inserts.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(StorageSql.InsertStates);
            insert.Parameters.AddWithValue("types", inserts.Select(static c => c.Key.Type).ToArray());
            insert.Parameters.AddWithValue("keys", inserts.Select(static c => c.Key.Key).ToArray());
            insert.Parameters.AddWithValue("names", inserts.Select(static c => c.Key.Name).ToArray());
            insert.Parameters.AddWithValue("new_versions", inserts.Select(static c => c.Value.NextVersion).ToArray());
            insert.Parameters.AddWithValue("payloads", inserts.Select(static c => c.Value.Payload).ToArray());
            insert.Parameters.AddWithValue("now", now);
            command.BatchCommands.Add(insert);
        }

        var stored = new HashSet<(string, string, string)>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            do
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    stored.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            while (await reader.NextResultAsync().ConfigureAwait(false));
        }

        foreach (var (key, chain) in chains)
        {
            if (!stored.Contains(key))
            {
                conflicts.UnionWith(chain.Items);
            }
        }

        return conflicts;
    }

    private sealed class StateChain(long firstVersion)
    {
        public long FirstVersion { get; } = firstVersion;

        public long NextVersion { get; set; } = firstVersion;

        public byte[]? Payload { get; set; }

        public List<CommitItem> Items { get; } = [];
    }
}
