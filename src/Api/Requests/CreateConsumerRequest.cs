namespace Vrps.Api.Requests;

/// <param name="Phone">Bound as the consumer's identity; 409 identity_taken when another consumer has it.</param>
/// <param name="Email">Bound as the consumer's identity; 409 identity_taken when another consumer has it.</param>
public sealed record CreateConsumerRequest(
    [RequiredWhen("Give at least one of name, phone or email.")] string? Name,
    [RequiredWhen("Give at least one of name, phone or email; 409 identity_taken when another consumer has it.")] string? Phone,
    [RequiredWhen("Give at least one of name, phone or email; 409 identity_taken when another consumer has it.")] string? Email);
