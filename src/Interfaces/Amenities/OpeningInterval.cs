namespace Vrps.Interfaces.Amenities;

/// <param name="Open">Local wall-clock time "HH:mm" in the property's timezone.</param>
/// <param name="Close">Local wall-clock time "HH:mm"; "24:00" means midnight at the end of the day.</param>
[Immutable]
public sealed record OpeningInterval(string? Open, string? Close);
