namespace Vrps.Api.Requests;

/// <param name="Latitude">Where the officer stood, with <paramref name="Longitude"/>: both or neither.</param>
public sealed record RecordScanRequest(Guid? LotId, string? Plate, double? Latitude, double? Longitude);
