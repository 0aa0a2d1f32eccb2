
namespace Vrps.Interfaces.PassTypes;

public interface IPassTypeGrain : IGrainWithGuidKey
{
    Task<PassTypeView> InitializeAsync(Guid customerId, Guid propertyId, Guid lotId, CreatePassType command, Actor actor);

    [ReadOnly]
    Task<PassTypeView> GetAsync();

    /// <summary>Adds a version and makes it the active one; earlier versions never change.</summary>
    Task<PassTypeView> SetTermsAsync(Terms terms, Actor actor);
}
