namespace Vrps.Interfaces.Customers;

/// <param name="Status">"active" or "suspended".</param>
[Immutable]
public sealed record UpdateCustomer(string? Name, string? Status);
