namespace Vrps.Interfaces.Customers;

public sealed record CreateCustomer(string Name);
