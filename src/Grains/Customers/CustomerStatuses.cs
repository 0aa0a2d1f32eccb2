namespace Vrps.Grains.Customers;

public static class CustomerStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";

    public static IReadOnlyList<string> All { get; } = [Active, Suspended];
}
