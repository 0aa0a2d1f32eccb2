using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Tests.Grains;

public interface ICounterSubscriberGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<long>> GetSeenAsync();
}

/// <summary>Implicitly subscribed to counter events: the counter with key K feeds the subscriber with key K.</summary>
[ImplicitStreamSubscription(CounterGrain.Namespace)]
[GrainType("test-counter-subscriber")]
public sealed class CounterSubscriberGrain : Grain, ICounterSubscriberGrain, IStreamSubscriber
{
    private readonly List<long> seen = [];

    public Task OnEventAsync(StreamEvent streamEvent)
    {
        seen.Add(streamEvent.As<CounterAdded>().Total);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<long>> GetSeenAsync() => Task.FromResult<IReadOnlyList<long>>(seen.ToArray());
}
