namespace Vrps.Interfaces.Units;

[Immutable]
public sealed record UpdateUnit(string? Name, int? MaxConcurrentPasses);
