namespace Vrps.Api.Requests;

public sealed record TicketAssignRequest(string? Assignee);
