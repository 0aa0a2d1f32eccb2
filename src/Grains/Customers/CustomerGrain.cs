using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Properties;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Customers;

[GrainType("customer")]
public sealed class CustomerGrain(GrainIndex index, [PersistentState("customer")] IPersistentState<CustomerState> storage)
    : EntityGrain<CustomerState>(storage), ICustomerGrain, IDeadlineReceiver
{
    protected override string Kind => IndexKinds.Customer;

    public async Task<CustomerView> CreateAsync(CreateCustomer command, Actor actor)
    {
        RequireNew();
        var name = Names.Require(command.Name);
        Store.State = new CustomerState { CustomerId = Id, Name = name, CreatedAt = TimeProvider.GetUtcNow() };
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.CustomerCreated, View());
        await SaveAsync();
        return View();
    }

    public Task<CustomerView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<CustomerView> UpdateAsync(UpdateCustomer command, Actor actor)
    {
        RequireExists();
        var next = CustomerRules.Patch(new CustomerSettings(State.Name, State.Status), command);
        var before = View();
        (State.Name, State.Status) = (next.Name, next.Status);
        Audit(AuditActions.Updated, actor, before, View());
        Publish(EventTypes.CustomerUpdated, View());
        await SaveAsync();
        return View();
    }

    public Task DeleteAsync(Actor actor) => DeleteWithChildrenAsync(index, actor, View(), EventTypes.CustomerDeleted);

    public async Task<PropertyView> AddPropertyAsync(CreateProperty command, Actor actor)
    {
        RequireExists();
        return await GrainFactory.GetGrain<IPropertyGrain>(command.PropertyId).InitializeAsync(Id, command, actor);
    }

    public Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt) => ResumeCascadeAsync(index, reminderName);

    protected override (string Kind, Func<Guid, Task> Delete)[] Children(Actor actor) =>
        [(IndexKinds.Property, id => GrainFactory.GetGrain<IPropertyGrain>(id).DeleteAsync(actor))];

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), null, Id.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private CustomerView View() => new(Id, State.Name, State.Status, State.CreatedAt);
}
