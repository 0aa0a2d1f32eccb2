namespace Vrps.Api.Requests;

public sealed record CreateEnforcementCompanyRequest(string? Name);
