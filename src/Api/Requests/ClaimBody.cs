namespace Vrps.Api.Requests;

/// <param name="OfferId">For open offers.</param>
/// <param name="Code">For claim-code offers.</param>
/// <param name="ShareToken">For group offers (the token of the share link).</param>
/// <param name="Phone">The consumer's phone (or give email): a known one attaches the pass to that consumer.</param>
public sealed record ClaimBody(Guid? OfferId, string? Code, string? ShareToken, Guid? LotId, string? Phone, string? Email, string? Plate);
