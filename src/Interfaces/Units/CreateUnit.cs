namespace Vrps.Interfaces.Units;

public sealed record CreateUnit(Guid UnitId, string Name, int? MaxConcurrentPasses);
