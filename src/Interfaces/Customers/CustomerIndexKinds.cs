namespace Vrps.Interfaces.Customers;

/// <summary>Index kind of customers: each row is its own tenant, so a tenant filter finds an operator's one customer.</summary>
public static class CustomerIndexKinds
{
    public const string Customer = "customer";
}
