namespace Vrps.Postgres.Tests.Index;

/// <summary>A list item as product grains index them: a few top-level fields lists show and filter by.</summary>
public sealed record IndexItem(string Key, string Status);
