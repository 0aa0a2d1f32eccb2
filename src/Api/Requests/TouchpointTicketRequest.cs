namespace Vrps.Api.Requests;

public sealed record TouchpointTicketRequest([RequiredField] string? Category, [RequiredField] string? Priority, [RequiredField] string? Title, string? Description);
