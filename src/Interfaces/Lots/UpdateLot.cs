namespace Vrps.Interfaces.Lots;

public sealed record UpdateLot(string? Name, int? Capacity, string? Mode, int? GracePeriodMinutes);
