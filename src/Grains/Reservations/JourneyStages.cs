using Vrps.Interfaces;
using Vrps.Interfaces.Audit;

namespace Vrps.Grains.Reservations;

/// <summary>
/// The stages of a guest journey (G2) and the instant time moves each one, in the property's timezone.
/// <list type="table">
/// <listheader><term>stage</term><description>entered by time at … / by event</description></listheader>
/// <item><term>booked</term><description>creation</description></item>
/// <item><term>pre_arrival</term><description>check-in − 3 days (exact instant)</description></item>
/// <item><term>checked_in</term><description>the check-in instant (self check-in) / POST check-in, earlier</description></item>
/// <item><term>in_stay</term><description>09:00 local on the morning after the check-in date</description></item>
/// <item><term>pre_departure</term><description>09:00 local on the day before the check-out date</description></item>
/// <item><term>checked_out</term><description>the check-out instant / POST check-out, earlier</description></item>
/// <item><term>post_stay_review</term><description>check-out + 1 day</description></item>
/// <item><term>closed</term><description>check-out + 14 days / POST review (the review is what the last stage waits for)</description></item>
/// <item><term>cancelled</term><description>POST cancel, before check-in only</description></item>
/// </list>
/// Instants never go backwards along the list: each is at least the one before it, so a short stay (one night: the
/// morning after check-in is the check-out day) skips straight over a stage rather than reorder them. Time and events
/// only ever move a journey forward; a moment that has passed moves it to the latest stage due.
/// </summary>
public static class JourneyStages
{
    public const string Booked = "booked";
    public const string PreArrival = "pre_arrival";
    public const string CheckedIn = "checked_in";
    public const string InStay = "in_stay";
    public const string PreDeparture = "pre_departure";
    public const string CheckedOut = "checked_out";
    public const string PostStayReview = "post_stay_review";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    private static readonly string[] Stages = [Booked, PreArrival, CheckedIn, InStay, PreDeparture, CheckedOut, PostStayReview, Closed];

    public static readonly TimeSpan PreArrivalLead = TimeSpan.FromDays(3);
    public static readonly TimeSpan ReviewDelay = TimeSpan.FromDays(1);
    public static readonly TimeSpan CloseDelay = TimeSpan.FromDays(14);
    public static readonly TimeSpan MorningHour = TimeSpan.FromHours(9);

    public static IReadOnlyList<string> Order => Stages;

    public static int IndexOf(string stage) => Array.IndexOf(Stages, stage);

    public static bool IsFinal(string stage) => stage is Closed or Cancelled;

    /// <summary>When time moves the journey into each stage after booked, in <see cref="Order"/>, never decreasing.</summary>
    public static IReadOnlyList<(string Stage, DateTimeOffset At)> Timeline(DateTimeOffset checkIn, DateTimeOffset checkOut, string timezone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
        var raw = new[]
        {
            (PreArrival, checkIn - PreArrivalLead),
            (CheckedIn, checkIn),
            (InStay, LocalMorning(checkIn, zone, days: 1)),
            (PreDeparture, LocalMorning(checkOut, zone, days: -1)),
            (CheckedOut, checkOut),
            (PostStayReview, checkOut + ReviewDelay),
            (Closed, checkOut + CloseDelay),
        };
        var timeline = new List<(string, DateTimeOffset)>(raw.Length);
        var floor = DateTimeOffset.MinValue;
        foreach (var (stage, at) in raw)
        {
            floor = at > floor ? at : floor;
            timeline.Add((stage, floor));
        }

        return timeline;
    }

    /// <summary>The latest stage time has reached at <paramref name="now"/>, if it is beyond <paramref name="current"/>.</summary>
    public static string? DueStage(string current, IReadOnlyList<(string Stage, DateTimeOffset At)> timeline, DateTimeOffset now)
    {
        var due = timeline.LastOrDefault(s => s.At <= now).Stage;
        return due is not null && !IsFinal(current) && IndexOf(due) > IndexOf(current) ? due : null;
    }

    /// <summary>The next stage time will move the journey into, and when; none once it is closed or cancelled.</summary>
    public static (string Stage, DateTimeOffset At)? Next(string current, IReadOnlyList<(string Stage, DateTimeOffset At)> timeline) =>
        IsFinal(current) ? null : timeline.FirstOrDefault(s => IndexOf(s.Stage) > IndexOf(current)) is { Stage: not null } next ? next : null;

    public const string CheckInEvent = "check_in";
    public const string CheckOutEvent = "check_out";
    public const string ReviewEvent = "review";
    public const string CancelEvent = "cancel";

    /// <summary>Which event may move the journey from which stages, and where to.</summary>
    public static string ByEvent(string current, string action) => (action, current) switch
    {
        (CheckInEvent, Booked or PreArrival) => CheckedIn,
        (CheckOutEvent, CheckedIn or InStay or PreDeparture) => CheckedOut,
        (ReviewEvent, CheckedOut or PostStayReview) => Closed,
        (CancelEvent, Booked or PreArrival) => Cancelled,
        _ => throw new DomainException("invalid_transition", $"A journey in stage {current} cannot {action.Replace('_', ' ')}.", DomainErrorKind.Conflict),
    };

    /// <summary>The audit action of a journey event.</summary>
    public static string AuditAction(string action) => action switch
    {
        CheckInEvent => AuditActions.CheckIn,
        CheckOutEvent => AuditActions.CheckOut,
        ReviewEvent => AuditActions.Review,
        CancelEvent => AuditActions.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a journey event."),
    };

    /// <summary>09:00 local on the date <paramref name="days"/> from the instant's local date (a skipped hour moves later).</summary>
    private static DateTimeOffset LocalMorning(DateTimeOffset instant, TimeZoneInfo zone, int days)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime.Date.AddDays(days) + MorningHour;
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }
}
