namespace Vrps.Interfaces.PassTypes;

[Immutable]
public sealed record CreatePassType(Guid PassTypeId, string Name, string? Description, Terms Terms);
