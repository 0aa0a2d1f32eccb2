namespace Vrps.Api.Requests;

public sealed record CreateEnforcementCompanyRequest([RequiredField] string? Name);
