using Microsoft.Extensions.Options;

namespace Vrps.Postgres.Events;

internal sealed class EventLogStreamOptionsValidator : IValidateOptions<EventLogStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, EventLogStreamOptions options)
    {
        var failures = new List<string>();
        if (options.QueueCount is < 1 or > 1024)
        {
            failures.Add($"{EventLogStreamOptions.Section}:{name}:{nameof(EventLogStreamOptions.QueueCount)} must be between 1 and 1024.");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add($"{EventLogStreamOptions.Section}:{name}:{nameof(EventLogStreamOptions.BatchSize)} must be between 1 and 100000.");
        }

        if (options.EventsPerDelivery is < 1 or > 10_000)
        {
            failures.Add($"{EventLogStreamOptions.Section}:{name}:{nameof(EventLogStreamOptions.EventsPerDelivery)} must be between 1 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
