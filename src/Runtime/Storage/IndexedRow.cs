namespace Vrps.Runtime.Storage;

internal sealed record IndexedRow(
    string Kind, string Id, string? ParentId, string? TenantId, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt, string Data);
