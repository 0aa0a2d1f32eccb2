using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Postgres.Index;

namespace Vrps.Api.Paging;

public static class PageRequest
{
    public const int DefaultLimit = 50;

    /// <summary>
    /// Reads a page of the grain index as typed items: rows whose field equals <paramref name="match"/> (filtered in
    /// the query) that <paramref name="keep"/> accepts (e.g. what the caller may see). Rows <paramref name="keep"/>
    /// refuses are made up for by reading on, so a page comes back short only when it is the last (issue 9).
    /// </summary>
    public static async Task<Page<T>> ReadAsync<T>(
        GrainIndex index, string kind, string? parentId, string? tenantId, int? limit, string? cursor,
        Func<T, Task<bool>>? keep = null, (string Field, string Value)? match = null)
    {
        if (limit is < 1 or > GrainIndex.MaxPageSize)
        {
            throw DomainException.Validation("limit", $"limit must be between 1 and {GrainIndex.MaxPageSize}.");
        }

        if (!GrainIndex.IsValidCursor(cursor))
        {
            throw DomainException.Validation("cursor", "cursor must be a nextCursor value returned by this list.");
        }

        var size = limit ?? DefaultLimit;
        var items = new List<T>(size);
        var next = cursor;
        do
        {
            // Never read more rows than the page still lacks: then every row read is either kept or refused, and the
            // index's cursor after them is exactly where the next page starts.
            var page = await index.ListAsync(kind, parentId, tenantId, next, size - items.Count, match: match);
            foreach (var item in page.Items)
            {
                var typed = item.Deserialize<T>(VrpsJson.Options)!;
                if (keep is null || await keep(typed))
                {
                    items.Add(typed);
                }
            }

            next = page.NextCursor;
        }
        while (items.Count < size && next is not null);

        return new Page<T>(items, next);
    }
}
