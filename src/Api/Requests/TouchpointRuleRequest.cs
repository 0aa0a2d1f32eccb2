namespace Vrps.Api.Requests;

/// <param name="RelativeTo">check_in or check_out.</param>
/// <param name="OffsetMinutes">Minutes from that moment; negative is before it.</param>
public sealed record TouchpointRuleRequest(string? Type, int? OffsetMinutes, string? RelativeTo, string? Channel);
