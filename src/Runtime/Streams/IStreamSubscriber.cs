namespace Vrps.Runtime.Streams;

/// <summary>Implemented by grain classes with an implicit stream subscription. Delivery is at-least-once, in order per stream.</summary>
public interface IStreamSubscriber
{
    Task OnEventAsync(StreamEvent streamEvent);
}
