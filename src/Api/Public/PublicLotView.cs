using Vrps.Interfaces.Properties;

namespace Vrps.Api.Public;

/// <summary>
/// What the lot's landing page (the QR code's target) shows anyone: the lot, its property's name and branding, and
/// the open offers that may be claimed now. Nothing else of the tenant: no customer, no other lot, no codes.
/// </summary>
/// <param name="LotId">The id a claim names (POST /api/claims lotId).</param>
/// <param name="AcceptsClaimCodes">Whether a visitor holding a claim code may enter it here.</param>
public sealed record PublicLotView(
    Guid LotId,
    string Slug,
    string LotName,
    string PropertyName,
    Branding Branding,
    IReadOnlyList<PublicOfferView> Offers,
    bool AcceptsClaimCodes);
