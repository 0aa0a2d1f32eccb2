namespace Vrps.Api.Requests;

/// <summary>The PATCH body of a reservation, for the OpenAPI document: only the fields present change.</summary>
public sealed record ReservationPatchRequest(DateTimeOffset? CheckIn, DateTimeOffset? CheckOut);
