using Vrps.Grains.Rules;
using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Claims;

/// <summary>
/// The id a claim sent with an Idempotency-Key gives its pass (issue 9). A retry of the same request must name the same
/// pass, so it is never issued twice; another request carrying the same key — another person, another plate, another
/// issuer — must name another pass, so a retry can never hand one person's pass to someone else, even once the stored
/// idempotent answer has expired. So the id is derived from the key and from whom and what the pass is for.
/// </summary>
public static class ClaimPassIds
{
    private const string AnonymousIssuer = "anonymous";

    /// <param name="issuer">The API key issuing a direct pass; null for an anonymous claim.</param>
    /// <param name="plate">The normalized plate.</param>
    /// <param name="consumerId">The consumer a direct pass is issued to, when named by id.</param>
    /// <param name="identity">Otherwise the consumer's normalized phone or email.</param>
    public static Guid For(Guid offerId, Guid? issuer, string idempotencyKey, string plate, Guid? consumerId, ConsumerIdentity? identity)
    {
        var holder = consumerId is { } id ? $"consumer:{id:N}"
            : identity is not null ? Identities.Key(identity.Kind, identity.Value)
            : throw new ArgumentException("A pass is for a consumer: give its id or its identity.", nameof(identity));

        // The free-form parts (holder, key) carry their lengths, so no two different requests can spell the same name.
        return NameBasedIds.From(
            $"claim-pass|{offerId:N}|{issuer?.ToString("N") ?? AnonymousIssuer}|{plate}|{holder.Length}:{holder}|{idempotencyKey.Length}:{idempotencyKey}");
    }
}
