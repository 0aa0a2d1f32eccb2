namespace Vrps.Runtime.Streams;

/// <summary>
/// A named durable consumer: it reads the event log from a stored checkpoint, which moves only after
/// <see cref="HandleAsync"/> returns. A consumer that fails or crashes sees the same events again.
/// </summary>
public interface IEventConsumer
{
    string Name { get; }

    IReadOnlyCollection<string> Namespaces { get; }

    Task HandleAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken);
}
