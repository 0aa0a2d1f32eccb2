namespace Vrps.Api.Requests;

/// <param name="OfferId">For open offers.</param>
/// <param name="Code">For claim-code offers.</param>
/// <param name="ShareToken">For group offers (the token of the share link).</param>
/// <param name="Phone">The consumer's phone (or give email): a known one attaches the pass to that consumer.</param>
public sealed record ClaimBody(
    [RequiredWhen("Required for open offers; give exactly one of offerId, code or shareToken.")] Guid? OfferId,
    [RequiredWhen("Required for claim-code offers; give exactly one of offerId, code or shareToken.")] string? Code,
    [RequiredWhen("Required for group offers (the token of the share link); give exactly one of offerId, code or shareToken.")] string? ShareToken,
    [RequiredField] Guid? LotId,
    [RequiredWhen("The consumer's phone; phone or email is required (a known one attaches the pass to that consumer).")] string? Phone,
    [RequiredWhen("The consumer's email; phone or email is required.")] string? Email,
    [RequiredField] string? Plate);
