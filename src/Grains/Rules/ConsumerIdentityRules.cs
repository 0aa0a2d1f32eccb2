using Vrps.Interfaces;
using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Rules;

/// <summary>
/// How a consumer's identities (R12) are read from a request and bound: which identity a phone, email or OAuth subject
/// is, which one a claim names, who owns an identity once two consumers want it, and which identity is the preferred
/// one. The consumer endpoints, the claim coordinator and the consumer grains all ask here.
/// </summary>
public static class ConsumerIdentityRules
{
    public const string Phone = "phone";
    public const string Email = "email";
    public const string OAuth = "oauth";

    private const int MaxOAuthSubjectLength = 255;

    /// <summary>
    /// The identity added to a known consumer: its kind and normalized value, unverified unless a platform admin vouches
    /// for it. The value is checked before the right to mark it verified, so a bad value is a 400 whoever sends it.
    /// </summary>
    public static ConsumerIdentity Parse(string? kind, string? value, bool verified, bool preferred, bool byPlatformAdmin)
    {
        var (normalizedKind, normalized) = kind?.Trim().ToLowerInvariant() switch
        {
            Phone => (Phone, Identities.Phone(value ?? "")),
            Email => (Email, Emails.Require(value, "value")),
            OAuth => (OAuth, OAuthSubject(value)),
            _ => throw DomainException.Validation("kind", "kind must be phone, email or oauth."),
        };
        if (verified && !byPlatformAdmin)
        {
            throw new DomainException("forbidden", "Only a platform admin may mark an identity verified.", DomainErrorKind.Forbidden);
        }

        return new ConsumerIdentity(normalizedKind, normalized, verified, preferred);
    }

    /// <summary>The identities a new consumer is created with, phone first; unverified, and the consumer decides which is preferred.</summary>
    public static IReadOnlyList<ConsumerIdentity> OfNewConsumer(string? phone, string? email)
    {
        var identities = new List<ConsumerIdentity>();
        if (phone is not null)
        {
            identities.Add(new ConsumerIdentity(Phone, Identities.Phone(phone), Verified: false, Preferred: false));
        }

        if (email is not null)
        {
            identities.Add(new ConsumerIdentity(Email, Emails.Require(email), Verified: false, Preferred: false));
        }

        return identities;
    }

    /// <summary>
    /// Whom a claim is for. A consumer id names the consumer outright and any phone or email beside it is ignored;
    /// otherwise the phone, else the email, is the identity the pass's consumer is found or created by (null: by id).
    /// </summary>
    public static ConsumerIdentity? OfClaim(Guid? consumerId, string? phone, string? email) =>
        consumerId is not null ? null
        : phone is { Length: > 0 } ? new ConsumerIdentity(Phone, Identities.Phone(phone), Verified: false, Preferred: true)
        : email is { Length: > 0 } ? new ConsumerIdentity(Email, Emails.Require(email), Verified: false, Preferred: true)
        : throw DomainException.Validation("phone", "phone or email is required: the pass belongs to a consumer.");

    /// <summary>The key of the identity's own grain, the single judge of who owns it.</summary>
    public static string KeyOf(ConsumerIdentity identity) => Identities.Key(identity.Kind, identity.Value);

    /// <summary>An identity belongs to the first consumer bound to it, for good; later claimants get that owner back.</summary>
    public static Guid Owner(Guid? boundTo, Guid claimant) => boundTo ?? claimant;

    /// <summary>Whether the identity belongs to someone other than <paramref name="consumerId"/> (409 identity_taken).</summary>
    public static bool TakenFrom(Guid consumerId, Guid? boundTo) => boundTo is { } owner && owner != consumerId;

    /// <summary>
    /// The consumer's identities with one more: a kind and value it already has is not added twice; a consumer always
    /// has exactly one preferred identity — its first, until one added as preferred takes over.
    /// </summary>
    public static List<ConsumerIdentity> Add(IReadOnlyList<ConsumerIdentity> identities, ConsumerIdentity identity)
    {
        if (identities.Any(i => i.Kind == identity.Kind && i.Value == identity.Value))
        {
            return [.. identities];
        }

        var result = identity.Preferred ? identities.Select(static i => i with { Preferred = false }).ToList() : [.. identities];
        result.Add(identity with { Preferred = identity.Preferred || result.Count == 0 });
        return result;
    }

    /// <summary>An OAuth subject is opaque to us: kept as given, but it must be one printable token.</summary>
    private static string OAuthSubject(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxOAuthSubjectLength || trimmed.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? throw DomainException.Validation("value", $"value must be the provider's subject: 1 to {MaxOAuthSubjectLength} printable characters without spaces.")
            : trimmed;
    }
}
