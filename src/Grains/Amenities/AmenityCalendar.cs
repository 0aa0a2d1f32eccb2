using System.Globalization;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;

namespace Vrps.Grains.Amenities;

/// <summary>
/// Opening hours and slots in the property's timezone (A1). Slots start at each interval's opening time and step by the
/// slot length, so "aligned" means aligned to that grid in local wall-clock time.
/// </summary>
public static class AmenityCalendar
{
    public static readonly IReadOnlyList<string> WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private const int DayMinutes = 24 * 60;

    /// <summary>Availability queries are bounded so one request cannot ask the grain for years of slots.</summary>
    public const int MaxAvailabilityDays = 62;

    public static Dictionary<string, List<OpeningInterval>> ValidateHours(IReadOnlyDictionary<string, IReadOnlyList<OpeningInterval>>? hours, int slotMinutes)
    {
        if (hours is null || hours.Count == 0)
        {
            throw DomainException.Validation("openingHours", "openingHours are required, e.g. {\"monday\":[{\"open\":\"08:00\",\"close\":\"20:00\"}]}.");
        }

        var result = new Dictionary<string, List<OpeningInterval>>();
        foreach (var (day, intervals) in hours)
        {
            var name = day.ToLowerInvariant();
            if (!WeekdayNames.Contains(name))
            {
                throw DomainException.Validation("openingHours", $"'{day}' is not a weekday name (monday … sunday).");
            }

            var parsed = (intervals ?? []).Select(i => (Open: Minutes(i.Open, $"openingHours.{name}.open"), Close: Minutes(i.Close, $"openingHours.{name}.close")))
                .OrderBy(static i => i.Open)
                .ToList();
            for (var k = 0; k < parsed.Count; k++)
            {
                if (parsed[k].Close - parsed[k].Open < slotMinutes)
                {
                    throw DomainException.Validation($"openingHours.{name}", "each interval must close after it opens and hold at least one slot.");
                }

                if (k > 0 && parsed[k].Open < parsed[k - 1].Close)
                {
                    throw DomainException.Validation($"openingHours.{name}", "intervals of one day must not overlap.");
                }
            }

            result[name] = parsed.Select(static i => new OpeningInterval(Format(i.Open), Format(i.Close))).ToList();
        }

        return result;
    }

    /// <summary>
    /// Where a booking falls in local time: its local date, or a refusal when it lies outside the opening hours, and a
    /// validation failure when it is not aligned to the slot grid.
    /// </summary>
    public static DateOnly Locate(
        DateTimeOffset start, DateTimeOffset end, string timezone, IReadOnlyDictionary<string, List<OpeningInterval>> hours, int slotMinutes)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
        var localStart = TimeZoneInfo.ConvertTime(start, zone);
        var localEnd = TimeZoneInfo.ConvertTime(end, zone);
        if (start.Second != 0 || start.Millisecond != 0 || (end - start).TotalMinutes % slotMinutes != 0)
        {
            throw DomainException.Validation("end", $"start and end must fall on the {slotMinutes}-minute slot grid.");
        }

        var date = DateOnly.FromDateTime(localStart.DateTime);
        var startMinute = (localStart.Hour * 60) + localStart.Minute;
        var endMinute = ((DateOnly.FromDateTime(localEnd.DateTime).DayNumber - date.DayNumber) * DayMinutes) + (localEnd.Hour * 60) + localEnd.Minute;
        var intervals = hours.GetValueOrDefault(WeekdayNames[(int)localStart.DayOfWeek]) ?? [];
        foreach (var interval in intervals)
        {
            var open = Minutes(interval.Open, "open");
            var close = Minutes(interval.Close, "close");
            if (startMinute < open || startMinute >= close)
            {
                continue;
            }

            if ((startMinute - open) % slotMinutes != 0)
            {
                throw DomainException.Validation("start", $"start must fall on the {slotMinutes}-minute slot grid from {interval.Open}.");
            }

            return endMinute <= close
                ? date
                : throw new DomainException("outside_opening_hours", $"The amenity closes at {interval.Close} local time.", DomainErrorKind.Refused);
        }

        throw new DomainException("outside_opening_hours", "The amenity is not open at that time.", DomainErrorKind.Refused);
    }

    /// <summary>Every slot starting in [from, to), as UTC starts, skipping blackout dates and local times that do not exist.</summary>
    public static IEnumerable<DateTimeOffset> SlotStarts(
        DateTimeOffset from, DateTimeOffset to, string timezone, IReadOnlyDictionary<string, List<OpeningInterval>> hours, int slotMinutes, IReadOnlyCollection<DateOnly> blackouts)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (blackouts.Contains(date))
            {
                continue;
            }

            foreach (var interval in hours.GetValueOrDefault(WeekdayNames[(int)date.DayOfWeek]) ?? [])
            {
                var close = Minutes(interval.Close, "close");
                for (var minute = Minutes(interval.Open, "open"); minute + slotMinutes <= close; minute += slotMinutes)
                {
                    var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
                    if (zone.IsInvalidTime(local))
                    {
                        continue;
                    }

                    var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
                    if (utc >= from && utc < to)
                    {
                        yield return utc;
                    }
                }
            }
        }
    }

    /// <summary>The local date of an instant in the amenity's timezone (what <see cref="Locate"/> returns for a valid booking).</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, string timezone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timezone)).DateTime);

    /// <summary>The first local date of the ISO week (Monday) containing <paramref name="date"/>.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static int Minutes(string? text, string field)
    {
        if (text == "24:00")
        {
            return DayMinutes;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? (time.Hour * 60) + time.Minute
            : throw DomainException.Validation(field, $"{field} must be a local time \"HH:mm\" (\"24:00\" for midnight at the end of the day).");
    }

    private static string Format(int minutes) => minutes == DayMinutes ? "24:00" : $"{minutes / 60:D2}:{minutes % 60:D2}";
}
