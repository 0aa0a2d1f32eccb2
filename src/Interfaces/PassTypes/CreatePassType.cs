namespace Vrps.Interfaces.PassTypes;

public sealed record CreatePassType(Guid PassTypeId, string Name, string? Description, Terms Terms);
