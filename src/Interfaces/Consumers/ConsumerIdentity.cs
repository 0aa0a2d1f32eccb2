namespace Vrps.Interfaces.Consumers;

/// <param name="Kind">phone, email or oauth.</param>
[Immutable]
public sealed record ConsumerIdentity(string Kind, string Value, bool Verified, bool Preferred);
