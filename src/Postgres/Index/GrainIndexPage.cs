using System.Text.Json;

namespace Vrps.Postgres.Index;

/// <summary>One page of a grain index list.</summary>
/// <param name="Items">The rows' list items, in (created_at, id) order.</param>
/// <param name="NextCursor">Null on the last page.</param>
public sealed record GrainIndexPage(IReadOnlyList<JsonElement> Items, string? NextCursor);
