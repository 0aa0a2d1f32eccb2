using Vrps.Runtime;

namespace Vrps.Interfaces.Consumers;

public interface IConsumerGrain : IGrainWithGuidKey
{
    Task<ConsumerView> CreateAsync(string? name, IReadOnlyList<ConsumerIdentity> identities);

    [ReadOnly]
    Task<ConsumerView?> FindAsync();

    Task<ConsumerView> AddIdentityAsync(ConsumerIdentity identity);

    Task<ConsumerView> AddVehicleAsync(string plate, string? description, bool makeDefault);
}
