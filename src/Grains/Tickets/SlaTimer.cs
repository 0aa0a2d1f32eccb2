namespace Vrps.Grains.Tickets;

/// <summary>
/// One SLA clock as persisted: time counted so far plus the instant it last started running. Keeping the sum
/// rather than every pause interval keeps the ticket's state a fixed size however often it is put on hold.
/// </summary>
public sealed class SlaTimer
{
    public TimeSpan Counted { get; set; }

    /// <summary>Null while paused or stopped.</summary>
    public DateTimeOffset? RunningSince { get; set; }

    /// <summary>Finished for good (until a reopen), as opposed to paused on hold.</summary>
    public bool Stopped { get; set; }

    public DateTimeOffset? WarnedAt { get; set; }

    public DateTimeOffset? BreachedAt { get; set; }
}
