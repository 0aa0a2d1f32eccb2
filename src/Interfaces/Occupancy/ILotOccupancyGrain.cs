
namespace Vrps.Interfaces.Occupancy;

/// <summary>A lot's live occupancy (keyed by the lot id): capacity holds and the in-memory plate index for patrols.</summary>
public interface ILotOccupancyGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Holds a place for the pass while fewer than <paramref name="capacity"/> are taken; refuses with lot_full.
    /// Idempotent per pass id. The capacity is the lot's as the claim just read it (the claim reads the lot anyway),
    /// so a reservation costs no second call to the lot grain.
    /// </summary>
    Task ReserveAsync(Guid passId, int capacity);

    Task CancelReservationAsync(Guid passId);

    /// <summary>
    /// The claim that held a place here issued its pass: the place becomes the pass's now instead of when the pass's
    /// stream event arrives. Applied only while the place is still held, so it never undoes a later event; the stream
    /// event that follows finds nothing left to do. One-way: the claim's reply never waits for it, and if it is lost
    /// the stream event (or the hold's lapse) does the same work.
    /// </summary>
    [OneWay]
    Task ConfirmAsync(PassLifecycle issued);

    [ReadOnly]
    Task<PlateLookup> LookupAsync(string plate);

    [ReadOnly]
    Task<IReadOnlyList<PassSummary>> RecentlyExpiredAsync(int limit);

    [ReadOnly]
    Task<OccupancyView> GetAsync();
}
