using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

/// <summary>
/// The SLA clock arithmetic, pure so it can be tested without a runtime: how much counted time lies between two
/// instants, and the instant at which a given amount of counted time will have passed. With business hours only
/// time inside the property's local open windows counts; without them every minute does.
/// </summary>
public sealed class SlaClock
{
    // A policy with at least one open day always finds its instant within two weeks; the bound only guards against
    // a bug turning into an endless loop inside a grain turn.
    private const int MaxDaysSearched = 3700;

    private readonly TimeZoneInfo zone;
    private readonly (TimeSpan Open, TimeSpan Close)?[]? week;

    public SlaClock(IReadOnlyList<SlaBusinessHours>? hours, TimeZoneInfo zone)
    {
        this.zone = zone;
        if (hours is null || hours.Count == 0)
        {
            return;
        }

        week = new (TimeSpan, TimeSpan)?[7];
        foreach (var window in hours)
        {
            if (!TryParseDay(window.Day, out var day) || !TryParseTime(window.Open, out var open) || !TryParseTime(window.Close, out var close) || open >= close)
            {
                throw new ArgumentException($"Invalid business hours window {window}.", nameof(hours));
            }

            week[(int)day] = (open, close);
        }
    }

    /// <summary>A clock in the named IANA zone; an unknown zone counts in UTC rather than failing a ticket.</summary>
    public static SlaClock For(IReadOnlyList<SlaBusinessHours>? hours, string? timezone) =>
        new(hours, timezone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) ? zone : TimeZoneInfo.Utc);

    public bool CountsEveryMinute => week is null;

    /// <summary>Counted time in [from, to).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (week is null)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        var last = LocalDate(to).AddDays(1);
        for (var date = LocalDate(from).AddDays(-1); date <= last; date = date.AddDays(1))
        {
            if (Window(date) is not (var start, var end))
            {
                continue;
            }

            var overlap = (end < to ? end : to) - (start > from ? start : from);
            if (overlap > TimeSpan.Zero)
            {
                total += overlap;
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="amount"/> of counted time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan amount)
    {
        if (amount <= TimeSpan.Zero)
        {
            return from;
        }

        if (week is null)
        {
            return from + amount;
        }

        var remaining = amount;
        var date = LocalDate(from).AddDays(-1);
        for (var i = 0; i < MaxDaysSearched; i++, date = date.AddDays(1))
        {
            if (Window(date) is not (var windowStart, var end))
            {
                continue;
            }

            var start = windowStart > from ? windowStart : from;
            if (start >= end)
            {
                continue;
            }

            var available = end - start;
            if (remaining <= available)
            {
                return start + remaining;
            }

            remaining -= available;
        }

        throw new InvalidOperationException("Business hours have no open time.");
    }

    /// <summary>Counted time of a persisted clock at <paramref name="now"/>.</summary>
    public TimeSpan Elapsed(SlaTimer timer, DateTimeOffset now) =>
        timer.RunningSince is { } since ? timer.Counted + Between(since, now) : timer.Counted;

    /// <summary>When a running clock reaches <paramref name="target"/>; null while it is not running.</summary>
    public DateTimeOffset? DueAt(SlaTimer timer, TimeSpan target) =>
        timer.RunningSince is { } since ? Add(since, target - timer.Counted) : null;

    public void Pause(SlaTimer timer, DateTimeOffset now)
    {
        timer.Counted = Elapsed(timer, now);
        timer.RunningSince = null;
    }

    public static void Run(SlaTimer timer, DateTimeOffset now) => timer.RunningSince ??= now;

    public static bool TryParseDay(string? text, out DayOfWeek day) =>
        Enum.TryParse(text, ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(text, out _);

    /// <summary>"HH:mm" from 00:00 to 24:00.</summary>
    public static bool TryParseTime(string? text, out TimeSpan time)
    {
        time = default;
        if (text is not { Length: 5 } || text[2] != ':' || !int.TryParse(text.AsSpan(0, 2), out var hours) || !int.TryParse(text.AsSpan(3, 2), out var minutes)
            || hours is < 0 or > 24 || minutes is < 0 or > 59 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        time = new TimeSpan(hours, minutes, 0);
        return true;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private (DateTimeOffset Start, DateTimeOffset End)? Window(DateOnly date) =>
        week![(int)date.DayOfWeek] is (var open, var close) ? (ToUtc(date, open), ToUtc(date, close)) : null;

    private DateTimeOffset ToUtc(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + time;
        if (zone.IsInvalidTime(local))
        {
            // The spring-forward gap: the wall-clock time does not exist that day, so the window starts once it does.
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
