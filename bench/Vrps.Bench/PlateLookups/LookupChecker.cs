using System.Globalization;

namespace Vrps.Bench.PlateLookups;

/// <summary>
/// Compares each answer with the seeded passes, from many client loops at once: a seeded plate must answer its own
/// active pass, an unknown plate none. Counts are kept with interlocked increments; the first mismatch is kept to show.
/// </summary>
internal sealed class LookupChecker(IReadOnlyList<Guid> passIds)
{
    private long hits;
    private long misses;
    private long mismatches;
    private string? firstMismatch;

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    public long Mismatches => Interlocked.Read(ref mismatches);

    public string? FirstMismatch => firstMismatch;

    /// <param name="passId">The pass the answer names, or null when it names none.</param>
    public void Check(LookupTarget target, bool authorized, string? reason, Guid? passId, string? plate)
    {
        ArgumentNullException.ThrowIfNull(target);
        bool ok;
        if (target.IsHit)
        {
            Interlocked.Increment(ref hits);
            ok = authorized && reason == "active" && passId == passIds[target.PassIndex] && plate == target.Plate;
        }
        else
        {
            Interlocked.Increment(ref misses);
            ok = !authorized && reason == "no_pass" && passId is null;
        }

        if (!ok)
        {
            Interlocked.Increment(ref mismatches);
            Interlocked.CompareExchange(ref firstMismatch, string.Create(CultureInfo.InvariantCulture,
                $"{target.Plate} ({(target.IsHit ? "seeded" : "unknown")}) answered authorized={authorized}, reason={reason}, pass={passId}, plate={plate}"), null);
        }
    }

    public PlateLookupResult Result(string mode, int clients, LoadResult load, double baseline) =>
        new(mode, clients, load, Hits, Misses, Mismatches, FirstMismatch, baseline > 0 ? load.CallsPerSecond / baseline : 0);
}
