namespace Vrps.Api.Requests;

public sealed record CreateUnitRequest([RequiredField] string? Name, [RequiredField] int? MaxConcurrentPasses);
