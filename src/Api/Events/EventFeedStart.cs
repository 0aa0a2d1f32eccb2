using System.Globalization;
using Vrps.Interfaces;
using Vrps.Interfaces.Events;

namespace Vrps.Api.Events;

/// <summary>A validated feed request: where to start, which types to keep, when to stop.</summary>
/// <param name="After">The sequence to start after; null means "the stream's current end" (from=now).</param>
/// <param name="Types">Null keeps every type.</param>
internal sealed record EventFeedStart(long? After, IReadOnlySet<string>? Types, int? Limit)
{
    public static EventFeedStart Parse(EventFeedQuery query)
    {
        // A reconnecting EventSource repeats the original URL, so its Last-Event-ID is the more recent position.
        long? after = !string.IsNullOrWhiteSpace(query.LastEventId)
            ? Sequence(query.LastEventId, "Last-Event-ID")
            : query.After is not null ? Sequence(query.After, "after") : null;
        if (after is null)
        {
            after = query.From switch
            {
                null or "start" => 0,
                "now" => null,
                _ => throw DomainException.Validation("from", "from must be start or now."),
            };
        }

        if (query.Limit is < 1)
        {
            throw DomainException.Validation("limit", "limit must be at least 1.");
        }

        return new EventFeedStart(after, TypeFilter(query.Types), query.Limit);
    }

    private static long Sequence(string value, string field) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw DomainException.Validation(field, $"{field} must be the id (a sequence number) of an event of this feed.");

    private static HashSet<string>? TypeFilter(string? types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return null;
        }

        var wanted = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(static t => !TenantEvents.Types.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Validation("types", $"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", TenantEvents.Types)}.");
        }

        return wanted;
    }
}
