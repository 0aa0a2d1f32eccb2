namespace Vrps.Interfaces.Units;

public sealed record UpdateUnit(string? Name, int? MaxConcurrentPasses);
