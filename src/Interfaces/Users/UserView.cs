namespace Vrps.Interfaces.Users;

/// <summary>An operator user (R13): a thin auth record with a profile.</summary>
[Immutable]
public sealed record UserView(Guid Id, Guid CustomerId, string Email, string Name, IReadOnlyList<Guid> ManagedUnitIds, DateTimeOffset CreatedAt);
