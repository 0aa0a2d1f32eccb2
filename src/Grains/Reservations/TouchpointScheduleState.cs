using Vrps.Grains.Common;
using Vrps.Interfaces.Reservations;

namespace Vrps.Grains.Reservations;

public sealed class TouchpointScheduleState : EntityState
{
    public List<TouchpointRule> Touchpoints { get; set; } = [];

    public DateTimeOffset? UpdatedAt { get; set; }
}
