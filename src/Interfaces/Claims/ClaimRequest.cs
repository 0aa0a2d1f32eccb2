namespace Vrps.Interfaces.Claims;

/// <summary>
/// A claim: one of <paramref name="OfferId"/> (open offers), <paramref name="Code"/> or <paramref name="ShareToken"/>;
/// the consumer by phone, email or id; and the plate. The same <paramref name="IdempotencyKey"/> always means the same pass.
/// </summary>
public sealed record ClaimRequest(
    Guid? OfferId,
    string? Code,
    string? ShareToken,
    Guid LotId,
    string? Phone,
    string? Email,
    Guid? ConsumerId,
    string? Plate,
    string? IdempotencyKey);
