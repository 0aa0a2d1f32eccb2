namespace Vrps.Interfaces.Customers;

[Immutable]
public sealed record CreateCustomer(string Name);
