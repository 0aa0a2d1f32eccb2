namespace Vrps.Api.Requests;

/// <param name="Phone">Bound as the consumer's identity; 409 identity_taken when another consumer has it.</param>
/// <param name="Email">Bound as the consumer's identity; 409 identity_taken when another consumer has it.</param>
public sealed record CreateConsumerRequest(string? Name, string? Phone, string? Email);
