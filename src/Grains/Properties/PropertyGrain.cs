using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Units;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Properties;

[GrainType("property")]
public sealed class PropertyGrain(GrainIndex index, [PersistentState("property")] IPersistentState<PropertyState> storage)
    : EntityGrain<PropertyState>(storage), IPropertyGrain, IDeadlineReceiver
{
    protected override string Kind => IndexKinds.Property;

    public async Task<PropertyView> InitializeAsync(Guid customerId, CreateProperty command, Actor actor)
    {
        RequireNew();
        Store.State = new PropertyState
        {
            CustomerId = customerId,
            Name = Names.Require(command.Name),
            Timezone = TimeZones.RequireIana(command.Timezone),
            Branding = BrandingRules.Validate(command.Branding),
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.PropertyCreated, View());
        await SaveAsync();
        return View();
    }

    public Task<PropertyView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<PropertyView> UpdateAsync(UpdateProperty command, Actor actor)
    {
        RequireExists();
        var next = PropertyRules.Patch(new PropertySettings(State.Name, State.Timezone, State.Branding), command);
        var before = View();
        (State.Name, State.Timezone, State.Branding) = (next.Name, next.Timezone, next.Branding);
        Audit(AuditActions.Updated, actor, before, View());
        Publish(EventTypes.PropertyUpdated, View());
        await SaveAsync();
        return View();
    }

    public Task DeleteAsync(Actor actor) => DeleteWithChildrenAsync(index, actor, View(), EventTypes.PropertyDeleted);

    public async Task<LotView> AddLotAsync(CreateLot command, Actor actor)
    {
        RequireExists();
        return await GrainFactory.GetGrain<ILotGrain>(command.LotId).InitializeAsync(State.CustomerId, Id, command, actor);
    }

    public async Task<UnitView> AddUnitAsync(CreateUnit command, Actor actor)
    {
        RequireExists();
        return await GrainFactory.GetGrain<IUnitGrain>(command.UnitId).InitializeAsync(State.CustomerId, Id, command, actor);
    }

    public Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt) => ResumeCascadeAsync(index, reminderName);

    protected override (string Kind, Func<Guid, Task> Delete)[] Children(Actor actor) =>
    [
        (IndexKinds.Lot, id => GrainFactory.GetGrain<ILotGrain>(id).DeleteAsync(actor)),
        (IndexKinds.Unit, id => GrainFactory.GetGrain<IUnitGrain>(id).DeleteAsync(actor)),
    ];

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.CustomerId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private PropertyView View() => new(Id, State.CustomerId, State.Name, State.Timezone, State.Branding, State.CreatedAt);
}
