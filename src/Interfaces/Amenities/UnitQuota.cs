namespace Vrps.Interfaces.Amenities;

/// <summary>Most bookings one unit may hold per local day, ISO week (Monday first) and calendar month; null means no limit.</summary>
[Immutable]
public sealed record UnitQuota(int? Day, int? Week, int? Month);
