namespace Vrps.Api.Idempotency;

/// <summary>A stored idempotency key; <see cref="Response"/> is null while its first request is still executing.</summary>
internal sealed record IdempotencyRecord(ReadOnlyMemory<byte> RequestHash, DateTimeOffset CreatedAt, StoredResponse? Response);
