namespace Vrps.Postgres.Storage;

/// <summary>A grain_storage row as read: its version and its json payload as text (null for a tombstone).</summary>
internal readonly record struct StoredState(long Version, string? Payload);
