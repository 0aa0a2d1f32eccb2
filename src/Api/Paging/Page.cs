namespace Vrps.Api.Paging;

/// <param name="NextCursor">Pass it back as <c>?cursor=</c> for the next page; absent on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
