namespace Vrps.Grains.Customers;

public sealed class CustomerState
{
    public string Name { get; set; } = "";

    public string Status { get; set; } = "active";

    public DateTimeOffset CreatedAt { get; set; }
}
