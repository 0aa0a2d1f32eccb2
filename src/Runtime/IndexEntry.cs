namespace Vrps.Runtime;

/// <summary>
/// A row of the grain index: what lists need to find and show a grain without activating it. Written with the grain's
/// next state write, in the same transaction.
/// </summary>
/// <param name="Kind">The entity kind, e.g. "lot".</param>
/// <param name="ParentId">The owner used by child lists (e.g. a lot's property).</param>
/// <param name="TenantId">The tenant used by tenant-wide lists.</param>
/// <param name="Data">The list item, serialized as JSON.</param>
public sealed record IndexEntry(
    string Kind,
    string Id,
    string? ParentId,
    string? TenantId,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt,
    object Data);
