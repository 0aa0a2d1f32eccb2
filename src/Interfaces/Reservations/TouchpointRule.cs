namespace Vrps.Interfaces.Reservations;

/// <summary>One line of a property's touchpoint schedule: reach the guest <see cref="OffsetMinutes"/> from check-in or check-out (negative is before).</summary>
[Immutable]
public sealed record TouchpointRule(string Type, int OffsetMinutes, string RelativeTo, string Channel);
