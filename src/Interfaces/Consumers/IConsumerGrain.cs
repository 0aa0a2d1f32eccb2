
namespace Vrps.Interfaces.Consumers;

public interface IConsumerGrain : IGrainWithGuidKey
{
    Task<ConsumerView> CreateAsync(string? name, IReadOnlyList<ConsumerIdentity> identities);

    [ReadOnly]
    Task<ConsumerView?> FindAsync();

    Task<ConsumerView> AddIdentityAsync(ConsumerIdentity identity);

    Task<ConsumerView> AddVehicleAsync(string plate, string? description, bool makeDefault);

    /// <summary>
    /// For a claim: creates the consumer with <paramref name="identity"/> if it does not exist yet (with no identity,
    /// a missing consumer is a 404), and records the claimed plate as one of its vehicles — one commit.
    /// </summary>
    Task<ConsumerView> EnsureWithVehicleAsync(ConsumerIdentity? identity, string plate);

    /// <summary>
    /// For a claim that lost the race for a new identity: removes this record, written side by side with the binding
    /// that went to another consumer, unless one of its identities is bound to it. Nothing else calls it.
    /// </summary>
    Task DiscardIfUnboundAsync();
}
