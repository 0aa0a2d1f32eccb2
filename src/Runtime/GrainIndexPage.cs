using System.Text.Json;

namespace Vrps.Runtime;

/// <param name="NextCursor">Null on the last page.</param>
public sealed record GrainIndexPage(IReadOnlyList<JsonElement> Items, string? NextCursor);
