namespace Vrps.Interfaces.Customers;

[Immutable]
public sealed record CustomerView(Guid Id, string Name, string Status, DateTimeOffset CreatedAt);
