namespace Vrps.Interfaces.Consumers;

/// <param name="Kind">phone, email or oauth.</param>
public sealed record ConsumerIdentity(string Kind, string Value, bool Verified, bool Preferred);
