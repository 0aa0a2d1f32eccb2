namespace Vrps.Postgres.Index;

/// <summary>
/// A row of the grain index: what lists need to find and show a grain without activating it. Staged with
/// <see cref="GrainIndexRows.Upsert"/>, it is written with the grain's next state write, in the same transaction.
/// </summary>
/// <param name="Kind">The entity kind, e.g. "lot".</param>
/// <param name="ParentId">The owner used by child lists (e.g. a lot's property).</param>
/// <param name="TenantId">The tenant used by tenant-wide lists.</param>
/// <param name="CreatedAt">The list order; kept from the first upsert of the row, so a grain keeps its place in lists.</param>
/// <param name="DeletedAt">Set when the grain is deleted: the row stays, and lists leave it out unless asked.</param>
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
