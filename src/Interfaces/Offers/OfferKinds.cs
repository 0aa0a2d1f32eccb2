namespace Vrps.Interfaces.Offers;

public static class OfferKinds
{
    public const string Open = "open";
    public const string ClaimCode = "claim_code";
    public const string Group = "group";
    public const string Direct = "direct";

    public static IReadOnlyList<string> All { get; } = [Open, ClaimCode, Group, Direct];
}
