namespace Vrps.Interfaces.Violations;

/// <param name="EnforcementCompanyId">The patrol company behind the key; null when a platform admin scans.</param>
[Immutable]
public sealed record RecordScan(Guid LotId, string Plate, double? Latitude, double? Longitude, Guid? EnforcementCompanyId);
