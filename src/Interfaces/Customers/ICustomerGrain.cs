using Vrps.Runtime;

namespace Vrps.Interfaces.Customers;

public interface ICustomerGrain : IGrainWithGuidKey
{
    Task<CustomerView> CreateAsync(CreateCustomer command);

    [ReadOnly]
    Task<CustomerView> GetAsync();

    /// <summary>Creates a property owned by this customer (R2).</summary>
    Task<Properties.PropertyView> AddPropertyAsync(Properties.CreateProperty command);
}
