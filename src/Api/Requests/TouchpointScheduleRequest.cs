namespace Vrps.Api.Requests;

public sealed record TouchpointScheduleRequest(IReadOnlyList<TouchpointRuleRequest?>? Touchpoints);
