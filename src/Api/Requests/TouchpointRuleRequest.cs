namespace Vrps.Api.Requests;

/// <param name="RelativeTo">check_in or check_out.</param>
/// <param name="OffsetMinutes">Minutes from that moment; negative is before it.</param>
public sealed record TouchpointRuleRequest([RequiredField] string? Type, [RequiredField] int? OffsetMinutes, [RequiredField] string? RelativeTo, [RequiredField] string? Channel);
