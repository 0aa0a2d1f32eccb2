
namespace Vrps.Interfaces.Lots;

public interface ILotGrain : IGrainWithGuidKey
{
    Task<LotView> InitializeAsync(Guid customerId, Guid propertyId, CreateLot command, Actor actor);

    [ReadOnly]
    Task<LotView> GetAsync();

    Task<LotView> UpdateAsync(UpdateLot command, Actor actor);

    Task DeleteAsync(Actor actor);

    /// <summary>Lets units of another property of the same customer be granted this lot (R5).</summary>
    Task<LotView> GrantPeerPropertyAsync(Guid propertyId, Actor actor);

    /// <summary>Withdraws a peer grant, and with it that property's units' access to this lot.</summary>
    Task<LotView> RevokePeerPropertyAsync(Guid propertyId, Actor actor);
}
