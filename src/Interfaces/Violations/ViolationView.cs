using Vrps.Interfaces.Occupancy;

namespace Vrps.Interfaces.Violations;

/// <param name="Lookup">What the lot answered for the plate when the violation was recorded.</param>
[Immutable]
public sealed record ViolationView(
    Guid Id,
    Guid LotId,
    Guid PropertyId,
    Guid CustomerId,
    Guid? EnforcementCompanyId,
    string Plate,
    string Reason,
    string? Notes,
    IReadOnlyList<string> PhotoUrls,
    string? StickerNumber,
    PlateLookup Lookup,
    Actor RecordedBy,
    DateTimeOffset RecordedAt);
