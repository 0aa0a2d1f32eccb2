using Microsoft.Extensions.Options;

namespace Vrps.Postgres.Deadlines;

internal sealed class DeadlineOptionsValidator : IValidateOptions<DeadlineOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadlineOptions options)
    {
        var failures = new List<string>();
        foreach (var (field, value) in new[]
                 {
                     (nameof(DeadlineOptions.PollInterval), options.PollInterval), (nameof(DeadlineOptions.Lease), options.Lease),
                     (nameof(DeadlineOptions.RetryDelay), options.RetryDelay),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{DeadlineOptions.Section}:{field} must be a positive time span.");
            }
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add($"{DeadlineOptions.Section}:{nameof(DeadlineOptions.BatchSize)} must be between 1 and 100000.");
        }

        if (options.MaxConcurrentFires is < 1 or > 100_000)
        {
            failures.Add($"{DeadlineOptions.Section}:{nameof(DeadlineOptions.MaxConcurrentFires)} must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
