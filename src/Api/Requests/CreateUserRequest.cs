namespace Vrps.Api.Requests;

public sealed record CreateUserRequest(string? Email, string? Name);
