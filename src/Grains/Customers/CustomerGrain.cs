using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Properties;
using Vrps.Runtime;

namespace Vrps.Grains.Customers;

[GrainType("customer")]
public sealed class CustomerGrain([PersistentState("customer")] IPersistentState<CustomerState> state) : Grain, ICustomerGrain
{
    public async Task<CustomerView> CreateAsync(CreateCustomer command)
    {
        var name = Names.Require(command.Name);
        if (state.RecordExists)
        {
            throw new DomainException("already_exists", $"Customer {this.GetPrimaryKey()} already exists.", 409);
        }

        state.State = new CustomerState { Name = name, CreatedAt = TimeProvider.GetUtcNow() };
        await state.WriteStateAsync();
        return View();
    }

    public Task<CustomerView> GetAsync() => Task.FromResult(View());

    public async Task<PropertyView> AddPropertyAsync(CreateProperty command)
    {
        View();
        return await GrainFactory.GetGrain<IPropertyGrain>(command.PropertyId).InitializeAsync(this.GetPrimaryKey(), command);
    }

    private CustomerView View() => state.RecordExists
        ? new CustomerView(this.GetPrimaryKey(), state.State.Name, state.State.Status, state.State.CreatedAt)
        : throw DomainException.NotFound("Customer", this.GetPrimaryKey());
}
