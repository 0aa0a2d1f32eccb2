namespace Vrps.Interfaces.Offers;

public static class OfferStatuses
{
    public const string Active = "active";
    public const string Exhausted = "exhausted";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>Every value, for the API document's enums.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, Exhausted, Expired, Revoked];
}
