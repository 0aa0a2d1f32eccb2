using Vrps.Runtime.Core;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Streams;

/// <summary>Delivers a batch to the subscribing grains: streams in parallel, each stream's events one after another.</summary>
internal sealed class ImplicitDelivery(GrainRuntime runtime, string grainType, RuntimeMetrics metrics, TimeProvider time, TimeSpan timeout)
{
    public Task DeliverAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken) =>
        Task.WhenAll(events.GroupBy(static e => e.Stream.Key).Select(stream => DeliverStreamAsync(stream.Key, stream, cancellationToken)));

    private async Task DeliverStreamAsync(string key, IEnumerable<StreamEvent> events, CancellationToken cancellationToken)
    {
        var target = new GrainId(grainType, key);
        foreach (var streamEvent in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var message = new Message<object?>($"event:{streamEvent.Type}", async grain =>
            {
                await ((IStreamSubscriber)grain).OnEventAsync(streamEvent);
                return null;
            });
            runtime.Dispatch(target, message);
            await message.Reply.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            metrics.EventDelivered(time.GetUtcNow() - streamEvent.OccurredAt);
        }
    }
}
