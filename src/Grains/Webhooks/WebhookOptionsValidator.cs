using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Vrps.Grains.Webhooks;

internal sealed class WebhookOptionsValidator(IOptions<SiloMessagingOptions> messaging) : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.RetryBaseDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add($"{WebhookOptions.Section}:RetryBaseDelay must be positive and at most MaxRetryDelay.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{WebhookOptions.Section}:MaxAttempts must be at least 1.");
        }

        if (options.MaxPendingDeliveries < 1)
        {
            failures.Add($"{WebhookOptions.Section}:MaxPendingDeliveries must be at least 1.");
        }

        // A delivery runs inside a deadline's grain call; a call outliving Orleans' response timeout would be fired again while it still runs.
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout >= messaging.Value.ResponseTimeout)
        {
            failures.Add($"{WebhookOptions.Section}:RequestTimeout must be positive and below Orleans' response timeout ({messaging.Value.ResponseTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
