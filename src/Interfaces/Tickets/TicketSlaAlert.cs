namespace Vrps.Interfaces.Tickets;

/// <summary>The payload of ticket.sla_warning, ticket.sla_breached and ticket.escalated.</summary>
/// <param name="Clock">first_response or resolution.</param>
/// <param name="DueAt">The instant the clock reached the threshold (business time and holds accounted for).</param>
[Immutable]
public sealed record TicketSlaAlert(Guid Id, Guid CustomerId, Guid PropertyId, string Clock, int? Level, string? Target, DateTimeOffset DueAt, TicketView Ticket);
