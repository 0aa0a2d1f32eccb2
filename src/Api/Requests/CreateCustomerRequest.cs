namespace Vrps.Api.Requests;

public sealed record CreateCustomerRequest([RequiredField] string? Name);
