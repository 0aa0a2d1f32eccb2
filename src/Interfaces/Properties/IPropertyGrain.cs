using Vrps.Runtime;

namespace Vrps.Interfaces.Properties;

public interface IPropertyGrain : IGrainWithGuidKey
{
    /// <summary>Called by the owning customer grain only: a property's parent is fixed at creation.</summary>
    Task<PropertyView> InitializeAsync(Guid customerId, CreateProperty command);

    [ReadOnly]
    Task<PropertyView> GetAsync();
}
