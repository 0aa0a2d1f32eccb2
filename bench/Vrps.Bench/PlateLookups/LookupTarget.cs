namespace Vrps.Bench.PlateLookups;

/// <summary>One plate to look up: a seeded plate (its index into the seeded passes) or an unknown one (index -1).</summary>
internal sealed record LookupTarget(string Plate, int PassIndex)
{
    public bool IsHit => PassIndex >= 0;
}
