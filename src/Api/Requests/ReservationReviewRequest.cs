namespace Vrps.Api.Requests;

public sealed record ReservationReviewRequest(int? Rating, string? Comment);
