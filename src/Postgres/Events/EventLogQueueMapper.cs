using Orleans.Runtime;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>
/// Maps a stream to queue <c>hash % N</c> with the same <see cref="StreamHash"/> the append stored, so the queue that
/// Orleans thinks owns a stream is the one whose reader selects its rows. Queues sit evenly around the ring, which is
/// how the consistent-ring balancer shares them between silos.
/// </summary>
internal sealed class EventLogQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly QueueId[] queues;

    public EventLogQueueMapper(string providerName, int queueCount)
    {
        var spacing = uint.MaxValue / (uint)queueCount;
        queues = [.. Enumerable.Range(0, queueCount).Select(i => QueueId.GetQueueId(providerName, (uint)i, (uint)i * spacing))];
    }

    public static int NumberOf(QueueId queue) => (int)queue.GetNumericId();

    public IEnumerable<QueueId> GetAllQueues() => queues;

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var hash = StreamHash.Of(streamId.GetNamespace() ?? string.Empty, streamId.GetKeyAsString());
        return queues[hash % queues.Length];
    }

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => queues.Where(q => range.InRange(q.GetUniformHashCode()));
}
