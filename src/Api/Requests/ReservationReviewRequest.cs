namespace Vrps.Api.Requests;

public sealed record ReservationReviewRequest([RequiredField] int? Rating, string? Comment);
