namespace Vrps.Interfaces.Consumers;

/// <summary>A person who parks (R12): not an operator, outside the ownership tree.</summary>
[Immutable]
public sealed record ConsumerView(Guid Id, string? Name, IReadOnlyList<ConsumerIdentity> Identities, IReadOnlyList<Vehicle> Vehicles, DateTimeOffset CreatedAt);
