using Vrps.Interfaces.PassTypes;

namespace Vrps.Api.Public;

/// <summary>An offer as a visitor sees it before claiming: what the pass is, what it costs, how many are left.</summary>
/// <param name="Kind">open or group: the kinds a visitor claims without a code of their own.</param>
/// <param name="PlacesLeft">Left out when the offer has no cap.</param>
public sealed record PublicOfferView(
    Guid Id,
    string Kind,
    string Status,
    bool Claimable,
    string PassTypeName,
    string? PassTypeDescription,
    string RateStructure,
    int AmountCents,
    DurationRule Duration,
    int? Capacity,
    int? PlacesLeft,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt);
