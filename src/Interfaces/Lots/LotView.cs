namespace Vrps.Interfaces.Lots;

/// <param name="Slug">Assigned at creation; never changes (R4).</param>
/// <param name="QrCode">Assigned at creation; never changes, because it is printed (R4).</param>
/// <param name="PeerPropertyIds">Other properties of the same customer whose units may be granted this lot (R5).</param>
/// <param name="LandingUrl">The absolute URL of the lot's landing page, which its QR code encodes; set by the API on every answer.</param>
/// <param name="QrImageUrl">The absolute URL of the lot's QR code as SVG, for integrators who print their own; set by the API.</param>
[Immutable]
public sealed record LotView(
    Guid Id,
    Guid PropertyId,
    Guid CustomerId,
    string Name,
    int Capacity,
    string Mode,
    int GracePeriodMinutes,
    string Slug,
    string QrCode,
    IReadOnlyList<Guid> PeerPropertyIds,
    DateTimeOffset CreatedAt,
    string? LandingUrl = null,
    string? QrImageUrl = null);
