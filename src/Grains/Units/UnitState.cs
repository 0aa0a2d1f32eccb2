using Vrps.Grains.Common;

namespace Vrps.Grains.Units;

public sealed class UnitState : EntityState
{
    public Guid PropertyId { get; set; }

    public string Name { get; set; } = "";

    public int MaxConcurrentPasses { get; set; }

    public List<Guid> LotIds { get; set; } = [];

    public List<Guid> ManagerIds { get; set; } = [];
}
