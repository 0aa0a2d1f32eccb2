using Vrps.Interfaces.Properties;

namespace Vrps.Api.Public;

/// <summary>A group offer's share link as its visitors see it: the lot, the branding, and the places left.</summary>
/// <param name="LotId">The id a claim names (POST /api/claims lotId, with the share token).</param>
public sealed record PublicGroupView(
    Guid LotId,
    string Slug,
    string LotName,
    string PropertyName,
    Branding Branding,
    PublicOfferView Offer);
