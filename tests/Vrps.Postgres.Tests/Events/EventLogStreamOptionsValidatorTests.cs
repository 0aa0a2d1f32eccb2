using Vrps.Postgres.Events;

namespace Vrps.Postgres.Tests.Events;

public sealed class EventLogStreamOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new EventLogStreamOptionsValidator().Validate("events", new EventLogStreamOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 500, 100, "QueueCount")]
    [InlineData(8, 0, 100, "BatchSize")]
    [InlineData(8, 500, 0, "EventsPerDelivery")]
    [InlineData(8, 500, 10_001, "EventsPerDelivery")]
    public void Validate_SettingOutOfRange_FailsNamingIt(int queueCount, int batchSize, int eventsPerDelivery, string setting)
    {
        var result = new EventLogStreamOptionsValidator().Validate(
            "events", new EventLogStreamOptions { QueueCount = queueCount, BatchSize = batchSize, EventsPerDelivery = eventsPerDelivery });

        Assert.True(result.Failed);
        Assert.Contains($"Vrps:Streams:events:{setting} ", result.FailureMessage, StringComparison.Ordinal);
    }
}
