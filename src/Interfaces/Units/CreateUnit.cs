namespace Vrps.Interfaces.Units;

[Immutable]
public sealed record CreateUnit(Guid UnitId, string Name, int? MaxConcurrentPasses);
