
namespace Vrps.Interfaces.Reservations;

/// <summary>A property's touchpoint schedule (G3), keyed by the property id.</summary>
public interface ITouchpointScheduleGrain : IGrainWithGuidKey
{
    /// <summary>The schedule, empty when none was ever set.</summary>
    [ReadOnly]
    Task<TouchpointScheduleView> GetAsync(Guid customerId);

    /// <summary>Replaces the whole schedule. Reservations already made keep the schedule they were made with.</summary>
    Task<TouchpointScheduleView> SetAsync(Guid customerId, IReadOnlyList<TouchpointRule> touchpoints, Actor actor);
}
