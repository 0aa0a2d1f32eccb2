namespace Vrps.Interfaces.Violations;

/// <param name="PhotoUrls">Absolute http(s) URLs of photos already uploaded elsewhere, at most ten.</param>
/// <param name="StickerNumber">The number of the notice left on the vehicle, if any.</param>
/// <param name="EnforcementCompanyId">The patrol company behind the key; null when a platform admin records it.</param>
[Immutable]
public sealed record RecordViolation(
    Guid LotId,
    string Plate,
    string Reason,
    string? Notes,
    IReadOnlyList<string>? PhotoUrls,
    string? StickerNumber,
    Guid? EnforcementCompanyId);
