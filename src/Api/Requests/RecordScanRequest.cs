namespace Vrps.Api.Requests;

/// <param name="Latitude">Where the officer stood, with <paramref name="Longitude"/>: both or neither.</param>
public sealed record RecordScanRequest(
    [RequiredField] Guid? LotId,
    [RequiredField] string? Plate,
    [RequiredWhen("Where the officer stood, with longitude: both or neither.")] double? Latitude,
    [RequiredWhen("Where the officer stood, with latitude: both or neither.")] double? Longitude);
