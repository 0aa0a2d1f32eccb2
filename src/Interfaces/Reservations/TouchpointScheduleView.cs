namespace Vrps.Interfaces.Reservations;

[Immutable]
public sealed record TouchpointScheduleView(Guid Id, Guid CustomerId, Guid PropertyId, IReadOnlyList<TouchpointRule> Touchpoints, DateTimeOffset? UpdatedAt);
