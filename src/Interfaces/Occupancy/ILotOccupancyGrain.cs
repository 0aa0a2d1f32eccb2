using Vrps.Interfaces.Passes;

namespace Vrps.Interfaces.Occupancy;

/// <summary>A lot's live occupancy (keyed by the lot id): passes issued against capacity and the in-memory plate index for patrols.</summary>
public interface ILotOccupancyGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The last place of a claim (R9, R11): while fewer than <paramref name="capacity"/> passes hold a place here, issues
    /// the pass <paramref name="passId"/> by writing its first state, index rows, deadline and <c>pass.issued</c>
    /// event in one commit, and answers after that commit; refuses with lot_full, or claim_expired when the id was
    /// voided by a lapsed hold first. Idempotent per pass id while this activation lives. The capacity is the lot's as
    /// the claim just read it, so issuing costs no second call to the lot grain.
    /// </summary>
    Task<PassView> IssueAsync(Guid passId, IssuePass command, int capacity);

    /// <summary>Is the plate authorized here now (R14), honouring the lot's grace period (read from the lot grain).</summary>
    [ReadOnly]
    Task<PlateLookup> LookupAsync(string plate);

    /// <summary><see cref="LookupAsync"/> for a caller that has just read the lot: its grace period is given, not read again.</summary>
    [ReadOnly]
    Task<PlateLookup> LookupWithGraceAsync(string plate, int gracePeriodMinutes);

    [ReadOnly]
    Task<IReadOnlyList<PassSummary>> RecentlyExpiredAsync(int limit);

    [ReadOnly]
    Task<OccupancyView> GetAsync();
}
