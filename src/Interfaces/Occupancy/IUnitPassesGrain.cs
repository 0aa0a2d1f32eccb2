
namespace Vrps.Interfaces.Occupancy;

/// <summary>A unit's concurrent passes and quota usage (keyed by the unit id).</summary>
public interface IUnitPassesGrain : IGrainWithGuidKey
{
    /// <summary>Holds a place; refuses with unit_limit_reached or quota_exceeded. Idempotent per pass id.</summary>
    Task ReserveAsync(UnitReservation reservation);

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
    Task<OccupancyView> GetAsync();
}
