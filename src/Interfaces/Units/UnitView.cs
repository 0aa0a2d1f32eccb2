namespace Vrps.Interfaces.Units;

/// <param name="LotIds">Lots this unit may issue passes for, declared explicitly (R6).</param>
[Immutable]
public sealed record UnitView(
    Guid Id,
    Guid PropertyId,
    Guid CustomerId,
    string Name,
    int MaxConcurrentPasses,
    IReadOnlyList<Guid> LotIds,
    IReadOnlyList<Guid> ManagerIds,
    DateTimeOffset CreatedAt);
