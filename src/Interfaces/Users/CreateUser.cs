namespace Vrps.Interfaces.Users;

[Immutable]
public sealed record CreateUser(Guid UserId, string Email, string Name);
