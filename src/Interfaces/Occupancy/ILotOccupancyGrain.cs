
namespace Vrps.Interfaces.Occupancy;

/// <summary>A lot's live occupancy (keyed by the lot id): capacity holds and the in-memory plate index for patrols.</summary>
public interface ILotOccupancyGrain : IGrainWithGuidKey
{
    /// <summary>Holds a place for the pass; refuses with lot_full. Idempotent per pass id.</summary>
    Task ReserveAsync(Guid passId);

    Task CancelReservationAsync(Guid passId);

    [ReadOnly]
    Task<PlateLookup> LookupAsync(string plate);

    [ReadOnly]
    Task<IReadOnlyList<PassSummary>> RecentlyExpiredAsync(int limit);

    [ReadOnly]
    Task<OccupancyView> GetAsync();
}
