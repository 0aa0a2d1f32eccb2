namespace Vrps.Api.Requests;

public sealed record CreateCustomerRequest(string? Name);
