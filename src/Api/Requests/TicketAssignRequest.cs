namespace Vrps.Api.Requests;

public sealed record TicketAssignRequest([RequiredField] string? Assignee);
