namespace Vrps.Interfaces.Occupancy;

[Immutable]
public sealed record OccupancyView(Guid Id, int Capacity, int Active, int Pending);
