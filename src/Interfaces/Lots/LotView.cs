namespace Vrps.Interfaces.Lots;

/// <param name="Slug">Assigned at creation; never changes (R4).</param>
/// <param name="QrCode">Assigned at creation; never changes, because it is printed (R4).</param>
/// <param name="PeerPropertyIds">Other properties of the same customer whose units may be granted this lot (R5).</param>
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
    DateTimeOffset CreatedAt);
