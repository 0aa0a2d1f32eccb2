namespace Vrps.Runtime;

/// <param name="DueAt">When this tick was due; a tick fired after a silo outage is late and says so.</param>
/// <param name="Period">The period of a periodic reminder, null for a one-shot reminder.</param>
/// <param name="FiredAt">When the runtime delivered it.</param>
public sealed record TickStatus(DateTimeOffset DueAt, TimeSpan? Period, DateTimeOffset FiredAt);
