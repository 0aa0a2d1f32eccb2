namespace Vrps.Api.Idempotency;

/// <summary>The part of a completed response a replay reproduces byte for byte.</summary>
internal sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, ReadOnlyMemory<byte> Body);
