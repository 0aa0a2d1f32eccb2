namespace Vrps.Api.Requests;

public sealed record TouchpointTicketRequest(string? Category, string? Priority, string? Title, string? Description);
