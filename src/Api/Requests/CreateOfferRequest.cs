namespace Vrps.Api.Requests;

/// <param name="Kind">open, claim_code, group or direct.</param>
/// <param name="Capacity">Most passes ever issued through the offer (required for group offers).</param>
/// <param name="StartsAt">Claim window start (optional).</param>
/// <param name="EndsAt">Claim window end (optional).</param>
/// <param name="ExpiresAt">When the offer expires for good, by reminder (optional).</param>
public sealed record CreateOfferRequest(
    [RequiredField] string? Kind,
    [RequiredField] Guid? PassTypeId,
    Guid? UnitId,
    [RequiredWhen("Most passes ever issued through the offer; required for group offers.")] int? Capacity,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? ExpiresAt);
