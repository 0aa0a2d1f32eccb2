namespace Vrps.Interfaces.Reservations;

/// <summary>
/// One touchpoint in a journey's log. <see cref="Source"/> is "scheduled" (fired by its reminder; <see cref="DueAt"/> is
/// when it was due) or "manual". <see cref="TicketId"/> links the ticket it opened or refers to.
/// </summary>
[Immutable]
public sealed record TouchpointEntry(
    Guid Id,
    string Type,
    string Channel,
    string Source,
    string Stage,
    DateTimeOffset? DueAt,
    DateTimeOffset FiredAt,
    string? Note,
    Guid? TicketId);
