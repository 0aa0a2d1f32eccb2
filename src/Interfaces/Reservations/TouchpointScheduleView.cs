namespace Vrps.Interfaces.Reservations;

public sealed record TouchpointScheduleView(Guid Id, Guid CustomerId, Guid PropertyId, IReadOnlyList<TouchpointRule> Touchpoints, DateTimeOffset? UpdatedAt);
