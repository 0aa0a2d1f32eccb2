namespace Vrps.Bench.Offers;

/// <summary>How many group offers, how many places each, and how many claims spread round-robin across them.</summary>
internal sealed record OfferClaimsShape(string Title, int Offers, int CapacityPerOffer, int Claims)
{
    public int TotalCapacity => Offers * CapacityPerOffer;
}
