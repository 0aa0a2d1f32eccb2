namespace Vrps.Interfaces.Lots;

public sealed record CreateLot(Guid LotId, string Name, int? Capacity, string? Mode, int? GracePeriodMinutes);
