namespace Vrps.Interfaces.Claims;

/// <summary>
/// A claim: one of <paramref name="OfferId"/> (open offers), <paramref name="Code"/> or <paramref name="ShareToken"/>;
/// the consumer by phone, email or id; and the plate. The same <paramref name="IdempotencyKey"/> on the same request always
/// means the same pass; on another request (another consumer, plate or <paramref name="Issuer"/>) another pass.
/// </summary>
/// <param name="Issuer">The API key issuing a direct pass; null for an anonymous claim.</param>
[Immutable]
public sealed record ClaimRequest(
    Guid? OfferId,
    string? Code,
    string? ShareToken,
    Guid LotId,
    string? Phone,
    string? Email,
    Guid? ConsumerId,
    string? Plate,
    string? IdempotencyKey,
    Guid? Issuer);
