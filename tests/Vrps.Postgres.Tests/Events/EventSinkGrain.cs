using Orleans.Streams;
using Orleans.Streams.Core;
using Vrps.Postgres.Events;

namespace Vrps.Postgres.Tests.Events;

/// <summary>Implicitly subscribed to every stream of <see cref="Namespace"/>; reports what it receives to its <see cref="EventSink"/>.</summary>
[GrainType("vrps-test-event-sink")]
[ImplicitStreamSubscription(Namespace)]
internal sealed class EventSinkGrain : Grain, IEventSinkGrain, IStreamSubscriptionObserver, IAsyncObserver<LoggedEvent>
{
    public const string Namespace = "test-sink";

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<LoggedEvent>().ResumeAsync(this);

    public Task OnNextAsync(LoggedEvent item, StreamSequenceToken? token = null) =>
        EventSink.For(this.GetPrimaryKeyString()).ReceiveAsync(item, token);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
