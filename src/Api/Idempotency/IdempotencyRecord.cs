namespace Vrps.Api.Idempotency;

/// <summary>
/// A stored idempotency key; <see cref="Response"/> is null while its first request is still executing, on the silo
/// named by <see cref="Owner"/> (null for keys stored before owners were recorded).
/// </summary>
internal sealed record IdempotencyRecord(ReadOnlyMemory<byte> RequestHash, DateTimeOffset CreatedAt, StoredResponse? Response, string? Owner = null);
