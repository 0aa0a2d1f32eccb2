namespace Vrps.Interfaces.Reservations;

public sealed record ReservationReview(int Rating, string? Comment, DateTimeOffset SubmittedAt);
