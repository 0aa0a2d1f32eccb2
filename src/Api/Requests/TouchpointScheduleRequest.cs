namespace Vrps.Api.Requests;

public sealed record TouchpointScheduleRequest([RequiredField] IReadOnlyList<TouchpointRuleRequest?>? Touchpoints);
