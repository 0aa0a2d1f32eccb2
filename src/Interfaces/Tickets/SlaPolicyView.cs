namespace Vrps.Interfaces.Tickets;

public sealed record SlaPolicyView(Guid Id, Guid CustomerId, IReadOnlyList<SlaRule> Rules, DateTimeOffset? UpdatedAt);
