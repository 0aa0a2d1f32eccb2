using Vrps.Runtime.Tests.Grains;
using Vrps.Testing;

namespace Vrps.Runtime.Tests;

public sealed class EventTests : SiloTestBase
{
    [Fact]
    public async Task RaiseEvent_WithStateWrite_CommitsBothAndDeliversToImplicitSubscriberInOrder()
    {
        var silo = await StartSiloAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("stream");

        for (var i = 0; i < 50; i++)
        {
            await counter.AddWithEventAsync(1);
        }

        var subscriber = silo.Grains.GetGrain<ICounterSubscriberGrain>("stream");
        await Eventually.HoldsAsync(async () => (await subscriber.GetSeenAsync()).Count >= 50, "50 events delivered");
        Assert.Equal(Enumerable.Range(1, 50).Select(static i => (long)i), await subscriber.GetSeenAsync());
        Assert.Equal(50, await ScalarAsync<long>("SELECT max(seq) FROM events WHERE key = 'stream'"));
        Assert.Equal(50, await ScalarAsync<long>("SELECT count(DISTINCT seq) FROM events WHERE key = 'stream'"));
    }

    [Fact]
    public async Task RaiseEvent_CommitFails_NoEventIsStoredOrDelivered()
    {
        var silo = await StartSiloAsync(withConsumer: true);
        await ExecuteAsync(CommitFailure.Install);

        await Assert.ThrowsAsync<GrainStorageException>(() => silo.Grains.GetGrain<ICounterGrain>("doomed").AddWithEventAsync(1));
        await Task.Delay(300);

        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events"));
        Assert.Empty(Consumer.Handled);
    }

    [Fact]
    public async Task NamedConsumer_FailsBeforeCheckpoint_GetsTheEventsAgain()
    {
        Consumer.FailuresToInject = 2;
        var silo = await StartSiloAsync(withConsumer: true);

        await silo.Grains.GetGrain<ICounterGrain>("retried").AddWithEventAsync(5);

        await Eventually.HoldsAsync(() => !Consumer.Handled.IsEmpty, "the consumer handles the event after two failures");
        Assert.True(Consumer.Attempts >= 3);
        Assert.Equal("counter.added", Assert.Single(Consumer.Handled).Type);
    }

    [Fact]
    public async Task NamedConsumer_SiloStopsWhileHandling_NextSiloDeliversTheEventAgain()
    {
        var handling = new TaskCompletionSource();
        Consumer.BeforeHandle = async token =>
        {
            handling.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        };
        var first = await StartSiloAsync(withConsumer: true);
        await first.Grains.GetGrain<ICounterGrain>("crash").AddWithEventAsync(3);
        await handling.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await first.StopAsync();
        Assert.Empty(Consumer.Handled);

        Consumer.BeforeHandle = null;
        await StartSiloAsync(withConsumer: true);

        await Eventually.HoldsAsync(() => !Consumer.Handled.IsEmpty, "the restarted consumer gets the event again");
        var redelivered = Assert.Single(Consumer.Handled);
        Assert.Equal(1, redelivered.Sequence);
        Assert.Equal(3, redelivered.As<CounterAdded>().Amount);
    }
}
