using Vrps.Grains.Customers;
using Vrps.Interfaces;
using Vrps.Interfaces.Customers;

namespace Vrps.Grains.Rules;

/// <summary>Customer rules (R1): names and the statuses a customer may take.</summary>
public static class CustomerRules
{
    /// <summary>The settings after <paramref name="patch"/>, every present field checked first, so a bad field changes nothing (issue 9).</summary>
    public static CustomerSettings Patch(CustomerSettings current, UpdateCustomer patch) => new(
        patch.Name is null ? current.Name : Names.Require(patch.Name),
        patch.Status is null ? current.Status
        : CustomerStatuses.All.Contains(patch.Status) ? patch.Status
        : throw DomainException.Validation("status", $"status must be one of {string.Join(", ", CustomerStatuses.All)}."));
}
