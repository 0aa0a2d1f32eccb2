namespace Vrps.Api.Requests;

/// <param name="Kind">phone, email or oauth.</param>
/// <param name="Verified">Only platform admins may mark an identity verified.</param>
/// <param name="Preferred">Make it the consumer's one preferred identity.</param>
public sealed record AddIdentityRequest([RequiredField] string? Kind, [RequiredField] string? Value, bool? Verified, bool? Preferred);
