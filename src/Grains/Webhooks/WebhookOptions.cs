namespace Vrps.Grains.Webhooks;

/// <summary>Webhook delivery tuning, bound from "Vrps:Webhooks"; read on every attempt, so a reload applies at once.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Vrps:Webhooks";

    /// <summary>The named HttpClient deliveries use.</summary>
    public const string HttpClientName = "webhooks";

    /// <summary>Wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Consecutive failed attempts after which the delivery fails and the webhook is disabled.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a receiver has to answer; must stay below the runtime's call timeout, which bounds a reminder turn.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most events queued per webhook; beyond it new events are recorded as failed instead of growing the grain's state.</summary>
    public int MaxPendingDeliveries { get; set; } = 1000;

    /// <summary>
    /// Lets webhooks target loopback, private, link-local and other non-public addresses. Off: a webhook is a request
    /// we make on a tenant's behalf, and inside our network it could reach the database, the metadata service or admin
    /// ports. For development and tests with a receiver on the same machine only.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts of one delivery.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 40);
        var ticks = RetryBaseDelay.Ticks * Math.Pow(2, doublings);
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
