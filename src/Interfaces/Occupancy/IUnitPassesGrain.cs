
namespace Vrps.Interfaces.Occupancy;

/// <summary>A unit's concurrent passes and quota usage (keyed by the unit id).</summary>
public interface IUnitPassesGrain : IGrainWithGuidKey
{
    /// <summary>Holds a place; refuses with unit_limit_reached or quota_exceeded. Idempotent per pass id.</summary>
    Task ReserveAsync(UnitReservation reservation);

    Task CancelReservationAsync(Guid passId);

    [ReadOnly]
    Task<OccupancyView> GetAsync();
}
