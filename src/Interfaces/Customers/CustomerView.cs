namespace Vrps.Interfaces.Customers;

public sealed record CustomerView(Guid Id, string Name, string Status, DateTimeOffset CreatedAt);
