using Vrps.Interfaces.Properties;

namespace Vrps.Interfaces.Customers;

public interface ICustomerGrain : IGrainWithGuidKey
{
    Task<CustomerView> CreateAsync(CreateCustomer command, Actor actor);

    [ReadOnly]
    Task<CustomerView> GetAsync();

    Task<CustomerView> UpdateAsync(UpdateCustomer command, Actor actor);

    /// <summary>Soft-deletes the customer and its properties (R3).</summary>
    Task DeleteAsync(Actor actor);

    /// <summary>Creates a property owned by this customer (R2).</summary>
    Task<PropertyView> AddPropertyAsync(CreateProperty command, Actor actor);
}
