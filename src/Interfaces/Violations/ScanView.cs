using Vrps.Interfaces.Occupancy;

namespace Vrps.Interfaces.Violations;

/// <param name="Lookup">The lot's answer for the plate at the time of the scan; later pass changes never alter it.</param>
[Immutable]
public sealed record ScanView(
    Guid Id,
    Guid LotId,
    Guid PropertyId,
    Guid CustomerId,
    Guid? EnforcementCompanyId,
    string Plate,
    double? Latitude,
    double? Longitude,
    PlateLookup Lookup,
    Actor ScannedBy,
    DateTimeOffset ScannedAt);
