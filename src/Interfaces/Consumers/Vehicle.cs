namespace Vrps.Interfaces.Consumers;

[Immutable]
public sealed record Vehicle(Guid Id, string Plate, string? Description, bool IsDefault);
