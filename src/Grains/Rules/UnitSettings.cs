namespace Vrps.Grains.Rules;

/// <summary>The changeable settings of a unit, validated as a whole by <see cref="UnitRules.Patch"/>.</summary>
public sealed record UnitSettings(string Name, int MaxConcurrentPasses);
