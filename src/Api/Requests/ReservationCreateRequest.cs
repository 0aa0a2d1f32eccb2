namespace Vrps.Api.Requests;

public sealed record ReservationCreateRequest(
    [RequiredField] string? GuestName,
    string? GuestEmail,
    string? GuestPhone,
    [RequiredField] DateTimeOffset? CheckIn,
    [RequiredField] DateTimeOffset? CheckOut,
    [RequiredField] string? Channel);
