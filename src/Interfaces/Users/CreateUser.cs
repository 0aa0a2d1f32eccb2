namespace Vrps.Interfaces.Users;

public sealed record CreateUser(Guid UserId, string Email, string Name);
