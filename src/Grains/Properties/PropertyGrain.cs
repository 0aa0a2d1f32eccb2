using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Properties;
using Vrps.Runtime;

namespace Vrps.Grains.Properties;

[GrainType("property")]
public sealed class PropertyGrain([PersistentState("property")] IPersistentState<PropertyState> state) : Grain, IPropertyGrain
{
    public async Task<PropertyView> InitializeAsync(Guid customerId, CreateProperty command)
    {
        var name = Names.Require(command.Name);
        var timezone = TimeZones.RequireIana(command.Timezone);
        if (state.RecordExists)
        {
            throw new DomainException("already_exists", $"Property {this.GetPrimaryKey()} already exists.", 409);
        }

        state.State = new PropertyState { CustomerId = customerId, Name = name, Timezone = timezone, CreatedAt = TimeProvider.GetUtcNow() };
        await state.WriteStateAsync();
        return View();
    }

    public Task<PropertyView> GetAsync() => Task.FromResult(View());

    private PropertyView View() => state.RecordExists
        ? new PropertyView(this.GetPrimaryKey(), state.State.CustomerId, state.State.Name, state.State.Timezone, state.State.CreatedAt)
        : throw DomainException.NotFound("Property", this.GetPrimaryKey());
}
