namespace Vrps.Interfaces.Lots;

[Immutable]
public sealed record UpdateLot(string? Name, int? Capacity, string? Mode, int? GracePeriodMinutes);
