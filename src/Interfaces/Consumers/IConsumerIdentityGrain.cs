
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

    /// <summary>
    /// The consumer claiming under this identity with <paramref name="plate"/>: the owner when one is bound (the caller
    /// then makes sure the owner's record holds the plate); else a new consumer, bound here and recorded with the
    /// identity and the plate in the same commit, so no claim sees a binding without its record or the reverse.
    /// </summary>
    Task<Claimant> ClaimantAsync(ConsumerIdentity identity, string plate);
}
