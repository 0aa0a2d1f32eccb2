
namespace Vrps.Interfaces.Consumers;

/// <summary>
/// Keyed by a normalized identity ("phone:+15551234567", "email:ann@example.com"): the one place that decides which
/// consumer owns it, so two claims racing with the same new phone attach to one consumer.
/// </summary>
public interface IConsumerIdentityGrain : IGrainWithStringKey
{
    Task<Guid?> FindConsumerAsync();

    /// <summary>
    /// Binds the identity to a consumer unless another already owns it; returns the owner. It does not create the
    /// consumer record: a claim writes that beside the binding, so a crash between the two heals on the next claim.
    /// </summary>
    Task<Guid> BindAsync(Guid consumerId);
}
