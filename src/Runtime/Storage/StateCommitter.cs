using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Storage;

/// <summary>
/// Group commit. Every state write, event and reminder change on the silo goes through one queue; whatever has
/// queued up while the previous transaction ran becomes the next transaction. Each item's task completes only when
/// that transaction has committed, or fails with it.
/// </summary>
internal sealed partial class StateCommitter
{
    private readonly Channel<CommitItem> queue = Channel.CreateUnbounded<CommitItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RuntimeMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly int maxBatchSize;
    private Task? loop;

    public StateCommitter(StateStore store, RuntimeMetrics metrics, TimeProvider time, int maxBatchSize, ILogger logger)
    {
        Store = store;
        this.metrics = metrics;
        this.time = time;
        this.maxBatchSize = Math.Max(1, maxBatchSize);
        this.logger = logger;
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
        var batch = new List<CommitItem>(Math.Min(maxBatchSize, 4096));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < maxBatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
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

        public string? Payload { get; set; }

        public List<CommitItem> Items { get; } = [];
    }
}
