namespace Vrps.Api.Requests;

public sealed record CreateUnitRequest(string? Name, int? MaxConcurrentPasses);
