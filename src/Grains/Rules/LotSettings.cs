namespace Vrps.Grains.Rules;

/// <summary>The changeable settings of a lot, as one value: what a PATCH validates as a whole before any of it applies.</summary>
public sealed record LotSettings(string Name, int Capacity, string Mode, int GracePeriodMinutes);
