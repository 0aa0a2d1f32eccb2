namespace Vrps.Api.Requests;

/// <param name="Category">TYPE-CATEGORY, e.g. PC-PLUMBING.</param>
/// <param name="Priority">emergency, urgent, high, normal or low.</param>
public sealed record TicketCreateRequest(
    [RequiredField] string? Category,
    [RequiredField] string? Priority,
    [RequiredField] string? Title,
    string? Description,
    Guid? UnitId,
    Guid? AmenityId,
    Guid? LotId,
    Guid? ReservationId,
    string? Reporter);
