namespace Vrps.Api.Requests;

/// <param name="Start">Slot-aligned start (an instant; the grid is in the property's timezone).</param>
/// <param name="End">Slot-aligned end.</param>
public sealed record BookingCreateRequest([RequiredField] Guid? UnitId, [RequiredField] string? Resident, [RequiredField] DateTimeOffset? Start, [RequiredField] DateTimeOffset? End);
