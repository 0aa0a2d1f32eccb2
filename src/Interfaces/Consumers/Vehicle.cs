namespace Vrps.Interfaces.Consumers;

public sealed record Vehicle(Guid Id, string Plate, string? Description, bool IsDefault);
