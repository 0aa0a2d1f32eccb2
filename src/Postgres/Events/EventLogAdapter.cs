using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>
/// The queue adapter over the event log. Read-only: events enter the log only through <see cref="EventLog.Append"/>
/// staged with a state write, never through Orleans' stream producer API, which would bypass that transaction.
/// </summary>
internal sealed class EventLogAdapter(
    string name,
    EventLogStreamOptions options,
    NpgsqlDataSource dataSource,
    EventLogMetrics metrics,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException($"Stream provider '{Name}' reads the event log; append events with EventLog.Append staged on a state write.");

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new EventLogReceiver(Name, EventLogQueueMapper.NumberOf(queueId), options, dataSource, metrics, loggerFactory.CreateLogger<EventLogReceiver>());
}
