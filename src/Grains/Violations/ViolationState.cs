using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Occupancy;

namespace Vrps.Grains.Violations;

public sealed class ViolationState : EntityState
{
    public Guid LotId { get; set; }

    public Guid PropertyId { get; set; }

    public Guid? EnforcementCompanyId { get; set; }

    public string Plate { get; set; } = "";

    public string Reason { get; set; } = "";

    public string? Notes { get; set; }

    public List<string> PhotoUrls { get; set; } = [];

    public string? StickerNumber { get; set; }

    public PlateLookup? Lookup { get; set; }

    public Actor? RecordedBy { get; set; }
}
