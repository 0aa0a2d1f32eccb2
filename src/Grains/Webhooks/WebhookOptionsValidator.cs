using Microsoft.Extensions.Options;
using Vrps.Runtime.Hosting;

namespace Vrps.Grains.Webhooks;

internal sealed class WebhookOptionsValidator(IOptions<RuntimeOptions> runtime) : IValidateOptions<WebhookOptions>
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

        // A delivery runs inside a reminder turn; a turn outliving the call timeout would be fired again while it still runs.
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout >= runtime.Value.CallTimeout)
        {
            failures.Add($"{WebhookOptions.Section}:RequestTimeout must be positive and below {RuntimeOptions.Section}:CallTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
