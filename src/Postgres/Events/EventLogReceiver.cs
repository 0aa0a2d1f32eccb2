using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>
/// Reads one queue's events in position order after its checkpoint, and moves the checkpoint only past events Orleans
/// reports delivered: to just below the lowest event handed out and not yet delivered. A silo that stops or dies
/// therefore makes its successor re-read everything not yet delivered (at-least-once), never skip it.
/// </summary>
/// <remarks>The pulling agent calls one method at a time, so the bookkeeping needs no lock.</remarks>
internal sealed class EventLogReceiver(
    string providerName,
    int queue,
    EventLogStreamOptions options,
    NpgsqlDataSource dataSource,
    EventLogMetrics metrics,
    ILogger<EventLogReceiver> logger) : IQueueAdapterReceiver
{
    private readonly string readQueue = EventLogSql.ReadQueue(options.QueueCount);
    // A queue with nothing of its own to deliver saves how far it has read at most this often: during a burst on
    // other queues every poll moved it, and each save was a commit of its own (527 in one hot-offer burst).
    private const long QuietCheckpointMilliseconds = 1_000;

    private readonly SortedSet<long> undelivered = [];
    private long quietCheckpointSavedAt = Environment.TickCount64 - QuietCheckpointMilliseconds;
    private long readUpTo;
    private long checkpoint;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await using var command = dataSource.CreateCommand(EventLogSql.ReadCheckpoint);
        command.Parameters.AddWithValue("provider", providerName);
        command.Parameters.AddWithValue("queue", queue);
        var stored = await command.ExecuteScalarAsync(cancellation.Token).ConfigureAwait(false);
        checkpoint = stored is long position ? position : 0;
        readUpTo = checkpoint;
        undelivered.Clear();
        EventLogLog.Resumed(logger, providerName, queue, checkpoint);
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        var max = maxCount > 0 ? Math.Min(maxCount, options.BatchSize) : options.BatchSize;
        await using var command = dataSource.CreateCommand(readQueue);
        command.Parameters.AddWithValue("after", readUpTo);
        command.Parameters.AddWithValue("limit", (long)max);
        command.Parameters.AddWithValue("queue", queue);
        var batches = new List<IBatchContainer>();
        var read = 0;
        long? visibleTo = null;
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            // Consecutive events of one stream travel together; another stream's event between them starts a new batch,
            // so the queue's position order holds across batches.
            (string Namespace, string Key)? stream = null;
            List<LoggedEvent>? events = null;
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                visibleTo ??= reader.IsDBNull(0) ? null : reader.GetInt64(0);
                if (reader.IsDBNull(1))
                {
                    break;
                }

                read++;
                var loggedEvent = new LoggedEvent(
                    reader.GetInt64(1),
                    reader.GetInt64(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.GetFieldValue<DateTimeOffset>(7));
                var of = (reader.GetString(2), reader.GetString(3));
                if (events is not null && stream == of && events.Count < options.EventsPerDelivery)
                {
                    events.Add(loggedEvent);
                    continue;
                }

                Close();
                stream = of;
                events = [loggedEvent];
            }

            Close();

            void Close()
            {
                if (events is not null && stream is { } closed)
                {
                    batches.Add(new EventLogBatchContainer(StreamId.Create(closed.Namespace, closed.Key), events));
                }
            }
        }

        foreach (var batch in batches)
        {
            undelivered.Add(batch.SequenceToken.SequenceNumber);
        }

        metrics.Read(providerName, read);

        // Positions commit in order (the append lock), so nothing can still appear at or below what this read saw.
        // A full read may have left rows of this queue behind: the next read goes on from the last one taken.
        readUpTo = read == max ? ((EventLogBatchContainer)batches[^1]).LastPosition : Math.Max(readUpTo, visibleTo ?? readUpTo);
        if (undelivered.Count == 0 && readUpTo > checkpoint && Environment.TickCount64 - quietCheckpointSavedAt >= QuietCheckpointMilliseconds)
        {
            // Only other queues' events went by: nothing of ours awaits delivery, so a restart need not rescan them.
            // Saved a little late at worst, which costs a restarted reader only a rescan of others' rows.
            quietCheckpointSavedAt = Environment.TickCount64;
            await TrySaveCheckpointAsync(readUpTo).ConfigureAwait(false);
        }

        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        foreach (var message in messages)
        {
            undelivered.Remove(message.SequenceToken.SequenceNumber);
        }

        metrics.Delivered(providerName, messages.Sum(static m => m is EventLogBatchContainer batch ? batch.Events.Count : 1), messages.Count);

        var delivered = undelivered.Count == 0 ? readUpTo : undelivered.Min - 1;
        if (delivered > checkpoint)
        {
            await TrySaveCheckpointAsync(delivered).ConfigureAwait(false);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;

    private async Task TrySaveCheckpointAsync(long position)
    {
        try
        {
            await SaveCheckpointAsync(position).ConfigureAwait(false);
            checkpoint = position;
        }
        catch (NpgsqlException exception)
        {
            // Nothing is lost: a lagging checkpoint costs only redelivery after a restart.
            EventLogLog.CheckpointFailed(logger, providerName, queue, exception);
        }
    }

    private async Task SaveCheckpointAsync(long position)
    {
        await using var command = dataSource.CreateCommand(EventLogSql.SaveCheckpoint);
        command.Parameters.AddWithValue("provider", providerName);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("position", position);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
