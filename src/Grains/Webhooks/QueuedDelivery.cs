namespace Vrps.Grains.Webhooks;

/// <summary>One event waiting in a webhook's queue, with its attempts so far.</summary>
public sealed class QueuedDelivery
{
    public long Sequence { get; set; }

    public string Type { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }
}
