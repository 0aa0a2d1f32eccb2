using Microsoft.Extensions.Logging;
using Vrps.Runtime.Core;
using Vrps.Runtime.Hosting;

namespace Vrps.Runtime.Streams;

/// <summary>
/// Feeds one subscriber (a named consumer, or the implicit subscribers of one grain type) from its checkpoint.
/// The checkpoint moves only after a whole batch was handled, so a failure or crash replays it: at-least-once.
/// </summary>
internal sealed class EventPump(
    string consumer,
    IReadOnlyCollection<string> namespaces,
    Func<IReadOnlyList<StreamEvent>, CancellationToken, Task> handler,
    EventLog log,
    RuntimeOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly AsyncSignal wake = new();

    public string Consumer { get; } = consumer;

    public void Wake() => wake.Set();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var position = await RetryAsync(ct => log.ReadCheckpointAsync(Consumer, ct), cancellationToken).ConfigureAwait(false);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<StreamEvent> events;
            try
            {
                events = await log.ReadAfterAsync(position, namespaces, options.EventBatchSize, cancellationToken).ConfigureAwait(false);
                if (events.Count == 0)
                {
                    await wake.WaitAsync(options.EventPollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await handler(events, cancellationToken).ConfigureAwait(false);
                position = events[^1].Position;
                await log.SaveCheckpointAsync(Consumer, position, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                RuntimeLog.ConsumerFailed(logger, Consumer, failures, exception);
                var backoff = TimeSpan.FromMilliseconds(Math.Min(options.EventRetryMaxDelay.TotalMilliseconds, 50 * Math.Pow(2, Math.Min(failures, 16))));
                await wake.WaitAsync(backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                RuntimeLog.ConsumerFailed(logger, Consumer, 1, exception);
                await Task.Delay(options.EventPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
