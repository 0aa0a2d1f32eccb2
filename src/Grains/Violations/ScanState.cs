using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Occupancy;

namespace Vrps.Grains.Violations;

public sealed class ScanState : EntityState
{
    public Guid LotId { get; set; }

    public Guid PropertyId { get; set; }

    public Guid? EnforcementCompanyId { get; set; }

    public string Plate { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public PlateLookup? Lookup { get; set; }

    public Actor? ScannedBy { get; set; }
}
