namespace Vrps.Interfaces.Offers;

/// <summary>How the claimant proved they may claim: nothing (open), a code, a share token, or a manager's key (direct).</summary>
[Immutable]
public sealed record ClaimAuthorization(string Kind, string? Secret);
