using Vrps.Grains.Common;
using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

public sealed class SlaPolicyState : EntityState
{
    public List<SlaRule> Rules { get; set; } = [];

    public DateTimeOffset? UpdatedAt { get; set; }
}
