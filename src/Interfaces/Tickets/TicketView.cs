namespace Vrps.Interfaces.Tickets;

/// <param name="Activity">The activity log (oldest first, first page); filled only by GET /api/tickets/{id}.</param>
[Immutable]
public sealed record TicketView(
    Guid Id,
    Guid CustomerId,
    Guid PropertyId,
    Guid? UnitId,
    Guid? AmenityId,
    Guid? LotId,
    Guid? ReservationId,
    string Category,
    string Priority,
    string Title,
    string? Description,
    string? Reporter,
    string? Assignee,
    string Status,
    SlaClockView FirstResponse,
    SlaClockView Resolution,
    IReadOnlyList<int> EscalatedLevels,
    SlaRule Policy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<TicketActivity>? Activity = null);
