namespace Vrps.Bench.Offers;

/// <summary>How many group offers, how many places each, and how many claims spread round-robin across them.</summary>
internal sealed record OfferClaimsShape(string Title, int Offers, int CapacityPerOffer, int Claims)
{
    public int TotalCapacity => Offers * CapacityPerOffer;

    /// <summary>
    /// Claims of the unmeasured burst each mode runs first, on offers of its own: measured on 2026-12-03, a fresh
    /// silo's first hot-offer burst ran at 1,769 claims/s and the same burst right after it at 2,696/s (the JIT's
    /// tiers; with tiering off both ran at about 2,080/s), so without it a mode measured its start, not its pace.
    /// </summary>
    public int WarmUpClaims => Claims / 3;
}
