namespace Vrps.Interfaces;

/// <summary>
/// Kinds of the grain index rows of the ownership tree, passes and their lookups, declared once: grains write them,
/// lists and lookups read them. Money, enforcement, webhook and amenity rows have their own kinds classes.
/// </summary>
public static class IndexKinds
{
    public const string Customer = "customer";
    public const string Property = "property";
    public const string Lot = "lot";
    public const string Unit = "unit";
    public const string User = "user";
    public const string ApiKey = "api_key";
    public const string EnforcementCompany = "enforcement_company";
    public const string PassType = "pass_type";
    public const string Offer = "offer";
    public const string Pass = "pass";

    /// <summary>An offer's claim code, keyed "lotId:normalized code".</summary>
    public const string ClaimCode = "claim_code";

    /// <summary>A group offer's share token.</summary>
    public const string ShareToken = "share_token";

    /// <summary>A lot found by its slug (the landing page the lot's QR code points at).</summary>
    public const string LotSlug = "lot_slug";

    public const string Reservation = "reservation";
    public const string TouchpointSchedule = "touchpoint_schedule";
    public const string Ticket = "ticket";
    public const string SlaPolicy = "sla_policy";
}
