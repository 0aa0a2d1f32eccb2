
namespace Vrps.Interfaces.Consumers;

/// <summary>
/// Keyed by a normalized identity ("phone:+15551234567", "email:ann@example.com"): the one place that decides which
/// consumer owns it, so two claims racing with the same new phone attach to one consumer.
/// </summary>
public interface IConsumerIdentityGrain : IGrainWithStringKey
{
    /// <summary>
    /// The consumer that owns this identity, binding a new consumer id on first use. It does not create the consumer
    /// record: the claim does that with <see cref="IConsumerGrain.EnsureWithVehicleAsync"/>, so a crash between the two
    /// heals on the identity's next claim.
    /// </summary>
    Task<Guid> GetOrCreateConsumerAsync();

    Task<Guid?> FindConsumerAsync();

    /// <summary>Binds the identity to a consumer unless another already owns it; returns the owner.</summary>
    Task<Guid> BindAsync(Guid consumerId);
}
