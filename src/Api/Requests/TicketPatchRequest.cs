namespace Vrps.Api.Requests;

/// <param name="Priority">A new priority: the ticket takes that priority's SLA rule and its clocks' reminders move.</param>
public sealed record TicketPatchRequest([RequiredField] string? Priority);
