namespace Vrps.Interfaces.Reservations;

[Immutable]
public sealed record ReservationView(
    Guid Id,
    Guid CustomerId,
    Guid PropertyId,
    string GuestName,
    string? GuestEmail,
    string? GuestPhone,
    DateTimeOffset CheckIn,
    DateTimeOffset CheckOut,
    string Channel,
    string Timezone,
    string Stage,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt,
    ReservationReview? Review,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt);
