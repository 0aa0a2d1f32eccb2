namespace Vrps.Api.Requests;

public sealed record CreateUserRequest([RequiredField] string? Email, [RequiredField] string? Name);
