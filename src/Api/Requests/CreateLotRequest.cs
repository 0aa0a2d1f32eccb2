namespace Vrps.Api.Requests;

/// <param name="Mode">public, private or both (default private).</param>
/// <param name="GracePeriodMinutes">Minutes a pass still counts after it ends (default 0).</param>
public sealed record CreateLotRequest([RequiredField] string? Name, [RequiredField] int? Capacity, string? Mode, int? GracePeriodMinutes);
