namespace Vrps.Interfaces.Lots;

[Immutable]
public sealed record CreateLot(Guid LotId, string Name, int? Capacity, string? Mode, int? GracePeriodMinutes);
