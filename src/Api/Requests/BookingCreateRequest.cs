namespace Vrps.Api.Requests;

/// <param name="Start">Slot-aligned start (an instant; the grid is in the property's timezone).</param>
/// <param name="End">Slot-aligned end.</param>
public sealed record BookingCreateRequest(Guid? UnitId, string? Resident, DateTimeOffset? Start, DateTimeOffset? End);
