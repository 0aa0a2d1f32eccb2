namespace Vrps.Api.Requests;

/// <param name="Reason">Required, at most 200 characters.</param>
/// <param name="PhotoUrls">At most ten absolute http(s) URLs.</param>
public sealed record RecordViolationRequest(
    [RequiredField] Guid? LotId, [RequiredField] string? Plate, [RequiredField] string? Reason, string? Notes, IReadOnlyList<string>? PhotoUrls, string? StickerNumber);
