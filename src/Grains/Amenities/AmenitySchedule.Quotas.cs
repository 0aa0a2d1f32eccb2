using System.Globalization;
using Vrps.Interfaces;

namespace Vrps.Grains.Amenities;

/// <summary>A2: the most bookings one unit may hold per local day, ISO week and calendar month.</summary>
internal sealed partial class AmenitySchedule
{
    /// <summary>Quota counters older than the longest quota window (a month) are no longer read.</summary>
    private const int QuotaMemoryDays = 40;

    private void RequireQuota(Guid unitId, DateOnly date)
    {
        if (state.Rules.MaxBookingsPerUnit is not { } quota)
        {
            return;
        }

        var day = Count(unitId, date, date);
        var weekStart = AmenityCalendar.WeekStart(date);
        var monthStart = new DateOnly(date.Year, date.Month, 1);
        if ((quota.Day is { } perDay && day >= perDay)
            || (quota.Week is { } perWeek && Count(unitId, weekStart, weekStart.AddDays(6)) >= perWeek)
            || (quota.Month is { } perMonth && Count(unitId, monthStart, monthStart.AddMonths(1).AddDays(-1)) >= perMonth))
        {
            throw new DomainException("unit_quota_reached", "This unit has reached its booking limit for that period.", DomainErrorKind.Refused);
        }
    }

    private void CountQuota(Guid unitId, DateOnly date)
    {
        if (state.Rules.MaxBookingsPerUnit is null)
        {
            return;
        }

        var key = UnitDayKey(unitId, date);
        state.UnitDays[key] = state.UnitDays.GetValueOrDefault(key) + 1;
    }

    /// <summary>The quota keeps only bookings that were used or still stand: one that ended unused gives its count back.</summary>
    private void ReleaseQuota(Guid unitId, DateOnly date)
    {
        if (state.Rules.MaxBookingsPerUnit is null)
        {
            return;
        }

        var key = UnitDayKey(unitId, date);
        if (state.UnitDays.TryGetValue(key, out var count))
        {
            state.UnitDays[key] = Math.Max(0, count - 1);
        }
    }

    private int Count(Guid unitId, DateOnly from, DateOnly to)
    {
        var total = 0;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            total += state.UnitDays.GetValueOrDefault(UnitDayKey(unitId, date));
        }

        return total;
    }

    /// <summary>
    /// <see cref="PruneQuota"/> at most once a day per activation: the counters age by days, and pruning on every
    /// booking made a burst quadratic in the number of units (a string per counter per booking).
    /// </summary>
    private void PruneQuotaDaily(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (open.QuotaPrunedOn != today)
        {
            PruneQuota(now);
            open.QuotaPrunedOn = today;
        }
    }

    private void PruneQuota(DateTimeOffset now)
    {
        var oldest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-QuotaMemoryDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var key in state.UnitDays.Keys.Where(k => string.CompareOrdinal(k[(k.IndexOf(':', StringComparison.Ordinal) + 1)..], oldest) < 0).ToList())
        {
            state.UnitDays.Remove(key);
        }
    }

    private static string UnitDayKey(Guid unitId, DateOnly date) =>
        $"{unitId:N}:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
