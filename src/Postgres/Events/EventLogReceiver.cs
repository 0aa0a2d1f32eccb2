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
    ILogger<EventLogReceiver> logger) : IQueueAdapterReceiver
{
    private readonly SortedSet<long> undelivered = [];
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
        await using var command = dataSource.CreateCommand(EventLogSql.ReadQueue);
        command.Parameters.AddWithValue("after", readUpTo);
        command.Parameters.AddWithValue("queues", options.QueueCount);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("max", max);
        var batches = new List<IBatchContainer>();
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var loggedEvent = new LoggedEvent(
                    reader.GetInt64(0),
                    reader.GetInt64(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6));
                batches.Add(new EventLogBatchContainer(StreamId.Create(reader.GetString(1), reader.GetString(2)), loggedEvent));
            }
        }

        foreach (var batch in batches)
        {
            var position = batch.SequenceToken.SequenceNumber;
            undelivered.Add(position);
            readUpTo = position;
        }

        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        foreach (var message in messages)
        {
            undelivered.Remove(message.SequenceToken.SequenceNumber);
        }

        var delivered = undelivered.Count == 0 ? readUpTo : undelivered.Min - 1;
        if (delivered <= checkpoint)
        {
            return;
        }

        try
        {
            await SaveCheckpointAsync(delivered).ConfigureAwait(false);
            checkpoint = delivered;
        }
        catch (NpgsqlException exception)
        {
            // The events stay delivered; a lagging checkpoint costs only redelivery after a restart.
            EventLogLog.CheckpointFailed(logger, providerName, queue, exception);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;

    private async Task SaveCheckpointAsync(long position)
    {
        await using var command = dataSource.CreateCommand(EventLogSql.SaveCheckpoint);
        command.Parameters.AddWithValue("provider", providerName);
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("position", position);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
