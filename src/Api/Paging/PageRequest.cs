using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Runtime;

namespace Vrps.Api.Paging;

public static class PageRequest
{
    public const int DefaultLimit = 50;

    /// <summary>Reads a page of the grain index as typed items, keeping only those <paramref name="keep"/> accepts.</summary>
    public static async Task<Page<T>> ReadAsync<T>(
        GrainIndex index, string kind, string? parentId, string? tenantId, int? limit, string? cursor, Func<T, Task<bool>>? keep = null)
    {
        if (limit is < 1 or > GrainIndex.MaxPageSize)
        {
            throw DomainException.Validation("limit", $"limit must be between 1 and {GrainIndex.MaxPageSize}.");
        }

        if (!GrainIndex.IsValidCursor(cursor))
        {
            throw DomainException.Validation("cursor", "cursor must be a nextCursor value returned by this list.");
        }

        var page = await index.ListAsync(kind, parentId, tenantId, cursor, limit ?? DefaultLimit);
        var items = new List<T>(page.Items.Count);
        foreach (var item in page.Items)
        {
            var typed = item.Deserialize<T>(RuntimeJson.Options)!;
            if (keep is null || await keep(typed))
            {
                items.Add(typed);
            }
        }

        return new Page<T>(items, page.NextCursor);
    }
}
