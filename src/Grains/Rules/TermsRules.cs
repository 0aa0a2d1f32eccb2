using Vrps.Interfaces;
using Vrps.Interfaces.PassTypes;

namespace Vrps.Grains.Rules;

/// <summary>Pass-type terms (R7): validation, the end of a pass issued now, its price, and the season it may be claimed in.</summary>
public static class TermsRules
{
    public static readonly IReadOnlyList<string> RateStructures = ["free", "flat", "hourly", "daily", "monthly"];
    public static readonly IReadOnlyList<string> DurationKinds = ["minutes", "hours", "days", "end_of_day", "calendar_month"];
    public static readonly IReadOnlyList<string> QuotaKinds = ["hours", "passes"];

    private static readonly IReadOnlyList<string> WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static Terms Validate(Terms? terms)
    {
        if (terms is null)
        {
            throw DomainException.Validation("terms", "terms are required.");
        }

        if (!RateStructures.Contains(terms.RateStructure))
        {
            throw DomainException.Validation("terms.rateStructure", $"rateStructure must be one of {string.Join(", ", RateStructures)}.");
        }

        var amount = terms.RateStructure == "free" ? 0 : Numbers.InRange(terms.AmountCents, "terms.amountCents", 0, 10_000_000);
        if (terms.Duration is null || !DurationKinds.Contains(terms.Duration.Kind))
        {
            throw DomainException.Validation("terms.duration.kind", $"duration.kind must be one of {string.Join(", ", DurationKinds)}.");
        }

        if (terms.Duration.Kind is "minutes" or "hours" or "days")
        {
            Numbers.Require(terms.Duration.Value, "terms.duration.value", 1, terms.Duration.Kind == "minutes" ? 525_600 : terms.Duration.Kind == "hours" ? 8_760 : 366);
        }

        foreach (var day in terms.Seasonal?.Weekdays ?? [])
        {
            if (!WeekdayNames.Contains(day))
            {
                throw DomainException.Validation("terms.seasonal.weekdays", $"'{day}' is not a weekday name (monday … sunday).");
            }
        }

        foreach (var range in terms.Seasonal?.DateRanges ?? [])
        {
            if (range.To < range.From)
            {
                throw DomainException.Validation("terms.seasonal.dateRanges", "a date range must end on or after its start.");
            }
        }

        if (terms.Quota is { } quota)
        {
            if (!QuotaKinds.Contains(quota.Kind))
            {
                throw DomainException.Validation("terms.quota.kind", "quota.kind must be hours or passes.");
            }

            Numbers.InRange(quota.Amount, "terms.quota.amount", 1, 100_000);
            Numbers.InRange(quota.WindowDays, "terms.quota.windowDays", 1, 366);
        }

        return terms with { AmountCents = amount };
    }

    /// <summary>When a pass starting at <paramref name="start"/> ends, in the property's timezone.</summary>
    public static DateTimeOffset EndOf(Terms terms, DateTimeOffset start, string timezone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
        return terms.Duration.Kind switch
        {
            "minutes" => start.AddMinutes(terms.Duration.Value!.Value),
            "hours" => start.AddHours(terms.Duration.Value!.Value),
            "days" => start.AddDays(terms.Duration.Value!.Value),
            "end_of_day" => LocalMidnightAfter(start, zone, months: 0),
            _ => LocalMidnightAfter(start, zone, months: 1),
        };
    }

    public static int PriceOf(Terms terms, DateTimeOffset start, DateTimeOffset end)
    {
        var length = end - start;
        return terms.RateStructure switch
        {
            "free" => 0,
            "hourly" => checked(terms.AmountCents * (int)Math.Ceiling(length.TotalHours)),
            "daily" => checked(terms.AmountCents * (int)Math.Ceiling(length.TotalDays)),
            _ => terms.AmountCents,
        };
    }

    /// <summary>Whether the seasonal restriction lets a pass be claimed at <paramref name="now"/> (local date and weekday).</summary>
    public static bool InSeason(Terms terms, DateTimeOffset now, string timezone)
    {
        if (terms.Seasonal is not { } season)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timezone));
        var date = DateOnly.FromDateTime(local.DateTime);
        var inRange = season.DateRanges is not { Count: > 0 } ranges || ranges.Any(r => date >= r.From && date <= r.To);
        var onDay = season.Weekdays is not { Count: > 0 } days || days.Contains(WeekdayNames[(int)local.DayOfWeek]);
        return inRange && onDay;
    }

    private static DateTimeOffset LocalMidnightAfter(DateTimeOffset start, TimeZoneInfo zone, int months)
    {
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var midnight = months == 0 ? local.Date.AddDays(1) : new DateTime(local.Year, local.Month, 1).AddMonths(1);
        var utc = TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(midnight) ? midnight.AddHours(1) : midnight, zone);
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }
}
