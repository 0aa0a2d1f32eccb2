using Vrps.Runtime.Core;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Streams;

/// <summary>Delivers a batch to the subscribing grains: streams in parallel, each stream's events one after another.</summary>
internal sealed class ImplicitDelivery(GrainRuntime runtime, string grainType, RuntimeMetrics metrics, TimeProvider time, TimeSpan timeout)
{
    public Task DeliverAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken) =>
        Task.WhenAll(events.GroupBy(static e => e.Stream.Key).Select(stream => DeliverStreamAsync(stream.Key, stream, cancellationToken)));

    /// <summary>
    /// Queues the stream's events to the subscriber in order, then waits for all: the activation's mailbox keeps the
    /// order, and a pipelining subscriber commits many events per transaction. If one fails, the pump replays the
    /// batch from its checkpoint, in order again.
    /// </summary>
    private async Task DeliverStreamAsync(string key, IEnumerable<StreamEvent> events, CancellationToken cancellationToken)
    {
        var target = new GrainId(grainType, key);
        var replies = new List<Task>();
        foreach (var streamEvent in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var message = new Message<object?>($"event:{streamEvent.Type}", async grain =>
            {
                await ((IStreamSubscriber)grain).OnEventAsync(streamEvent);
                return null;
            });
            runtime.Dispatch(target, message);
            replies.Add(Delivered(message.Reply, streamEvent));
        }

        await Task.WhenAll(replies).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task Delivered(Task reply, StreamEvent streamEvent)
    {
        await reply.ConfigureAwait(false);
        metrics.EventDelivered(time.GetUtcNow() - streamEvent.OccurredAt);
    }
}
