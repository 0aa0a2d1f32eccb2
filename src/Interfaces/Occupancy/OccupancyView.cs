namespace Vrps.Interfaces.Occupancy;

public sealed record OccupancyView(Guid Id, int Capacity, int Active, int Pending);
