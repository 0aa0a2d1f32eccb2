using Vrps.Interfaces.PassTypes;

namespace Vrps.Grains.Rules;

/// <summary>
/// Per-unit quotas over a rolling window. Passes for the same plate at the same lot that overlap count once: their
/// time is the union of their intervals, and an overlapping pass adds no pass to a count.
/// </summary>
public static class Quotas
{
    public sealed record Usage(string Plate, Guid LotId, DateTimeOffset Start, DateTimeOffset End);

    public static bool Allows(QuotaRule quota, IReadOnlyList<Usage> existing, Usage requested)
    {
        var windowStart = requested.Start.AddDays(-quota.WindowDays);
        var windowEnd = requested.Start.AddDays(quota.WindowDays);
        var inWindow = existing.Where(u => u.End > windowStart && u.Start < windowEnd).Append(requested).ToList();
        var used = quota.Kind == "hours"
            ? inWindow.GroupBy(static u => (u.Plate, u.LotId)).Sum(g => UnionHours(g, windowStart, windowEnd))
            : inWindow.GroupBy(static u => (u.Plate, u.LotId)).Sum(static g => DisjointGroups(g));
        return used <= quota.Amount + 1e-9;
    }

    private static double UnionHours(IEnumerable<Usage> usages, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? start = null;
        DateTimeOffset end = default;
        foreach (var u in usages.Select(u => (Start: Max(u.Start, from), End: Min(u.End, to))).Where(static u => u.End > u.Start).OrderBy(static u => u.Start))
        {
            if (start is null || u.Start > end)
            {
                total += start is null ? TimeSpan.Zero : end - start.Value;
                (start, end) = (u.Start, u.End);
            }
            else if (u.End > end)
            {
                end = u.End;
            }
        }

        total += start is null ? TimeSpan.Zero : end - start.Value;
        return total.TotalHours;
    }

    /// <summary>Passes that overlap chain into one; each chain counts as one pass.</summary>
    private static int DisjointGroups(IEnumerable<Usage> usages)
    {
        var count = 0;
        DateTimeOffset? end = null;
        foreach (var u in usages.OrderBy(static u => u.Start))
        {
            if (end is null || u.Start >= end)
            {
                count++;
                end = u.End;
            }
            else if (u.End > end)
            {
                end = u.End;
            }
        }

        return count;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
