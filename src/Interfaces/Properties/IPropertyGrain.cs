using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Units;

namespace Vrps.Interfaces.Properties;

public interface IPropertyGrain : IGrainWithGuidKey
{
    /// <summary>Called by the owning customer grain only: a property's parent is fixed at creation.</summary>
    Task<PropertyView> InitializeAsync(Guid customerId, CreateProperty command, Actor actor);

    [ReadOnly]
    Task<PropertyView> GetAsync();

    Task<PropertyView> UpdateAsync(UpdateProperty command, Actor actor);

    /// <summary>Soft-deletes the property, its lots and its units (R3).</summary>
    Task DeleteAsync(Actor actor);

    Task<LotView> AddLotAsync(CreateLot command, Actor actor);

    Task<UnitView> AddUnitAsync(CreateUnit command, Actor actor);
}
