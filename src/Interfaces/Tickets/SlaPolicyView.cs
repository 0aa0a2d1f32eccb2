namespace Vrps.Interfaces.Tickets;

[Immutable]
public sealed record SlaPolicyView(Guid Id, Guid CustomerId, IReadOnlyList<SlaRule> Rules, DateTimeOffset? UpdatedAt);
