namespace Vrps.Api.Requests;

/// <param name="LotIds">Narrow the scope to these lots of the property; omit for every lot.</param>
public sealed record EnforcementScopeRequest(IReadOnlyList<Guid>? LotIds);
