using Vrps.Grains.Common;

namespace Vrps.Grains.Customers;

public sealed class CustomerState : EntityState
{
    public string Name { get; set; } = "";

    public string Status { get; set; } = CustomerStatuses.Active;
}
