namespace Vrps.Interfaces.Offers;

public static class OfferStatuses
{
    public const string Active = "active";
    public const string Exhausted = "exhausted";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}
