using Vrps.Interfaces.Units;

namespace Vrps.Grains.Rules;

/// <summary>Unit rules (R6): how many passes a unit may hold at once.</summary>
public static class UnitRules
{
    public const int MaxPasses = 1000;

    /// <summary>The settings after <paramref name="patch"/>, every present field checked first, so a bad field changes nothing (issue 9).</summary>
    public static UnitSettings Patch(UnitSettings current, UpdateUnit patch) => new(
        patch.Name is null ? current.Name : Names.Require(patch.Name),
        patch.MaxConcurrentPasses is { } max ? Numbers.InRange(max, "maxConcurrentPasses", 0, MaxPasses) : current.MaxConcurrentPasses);
}
