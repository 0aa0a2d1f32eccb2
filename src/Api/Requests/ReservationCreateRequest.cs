namespace Vrps.Api.Requests;

public sealed record ReservationCreateRequest(
    string? GuestName, string? GuestEmail, string? GuestPhone, DateTimeOffset? CheckIn, DateTimeOffset? CheckOut, string? Channel);
