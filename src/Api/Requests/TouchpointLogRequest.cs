namespace Vrps.Api.Requests;

/// <param name="TicketId">An existing ticket of the customer this touchpoint refers to.</param>
/// <param name="Ticket">A ticket to open with the touchpoint (instead of <paramref name="TicketId"/>).</param>
public sealed record TouchpointLogRequest([RequiredField] string? Type, [RequiredField] string? Channel, string? Note, Guid? TicketId, TouchpointTicketRequest? Ticket);
