using System.Collections.Concurrent;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Tests.Grains;

/// <summary>A named durable consumer that records what it handled and can be told to fail.</summary>
public sealed class RecordingConsumer : IEventConsumer
{
    public string Name => "test-recorder";

    public IReadOnlyCollection<string> Namespaces { get; } = [CounterGrain.Namespace];

    public ConcurrentQueue<StreamEvent> Handled { get; } = new();

    public int FailuresToInject { get; set; }

    public Func<CancellationToken, Task>? BeforeHandle { get; set; }

    public int Attempts;

    public async Task HandleAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (BeforeHandle is { } before)
        {
            await before(cancellationToken);
        }

        if (FailuresToInject > 0)
        {
            FailuresToInject--;
            throw new InvalidOperationException("injected consumer failure");
        }

        foreach (var e in events)
        {
            Handled.Enqueue(e);
        }
    }
}
