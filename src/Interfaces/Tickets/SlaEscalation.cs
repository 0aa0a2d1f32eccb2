namespace Vrps.Interfaces.Tickets;

/// <param name="AfterMinutes">Counted on the resolution clock, so business hours and holds shift it too.</param>
[Immutable]
public sealed record SlaEscalation(int Level, int AfterMinutes, string Target);
