
namespace Vrps.Interfaces.Units;

public interface IUnitGrain : IGrainWithGuidKey
{
    Task<UnitView> InitializeAsync(Guid customerId, Guid propertyId, CreateUnit command, Actor actor);

    [ReadOnly]
    Task<UnitView> GetAsync();

    Task<UnitView> UpdateAsync(UpdateUnit command, Actor actor);

    Task DeleteAsync(Actor actor);

    /// <summary>Explicit unit ↔ lot access (R6): the lot's own property, or a peer property grant (R5).</summary>
    Task<UnitView> GrantLotAsync(Guid lotId, Actor actor);

    Task<UnitView> RevokeLotAsync(Guid lotId, Actor actor);

    Task<UnitView> AddManagerAsync(Guid userId, Actor actor);

    Task<UnitView> RemoveManagerAsync(Guid userId, Actor actor);
}
