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
    [InlineData(0, 500)]
    [InlineData(8, 0)]
    public void Validate_NonPositiveSetting_FailsNamingIt(int queueCount, int batchSize)
    {
        var result = new EventLogStreamOptionsValidator().Validate("events", new EventLogStreamOptions { QueueCount = queueCount, BatchSize = batchSize });

        Assert.True(result.Failed);
        Assert.Contains("Vrps:Streams:events:", result.FailureMessage, StringComparison.Ordinal);
    }
}
