namespace Vrps.Interfaces.Reservations;

[Immutable]
public sealed record ReservationReview(int Rating, string? Comment, DateTimeOffset SubmittedAt);
