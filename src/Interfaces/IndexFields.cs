namespace Vrps.Interfaces;

/// <summary>Top-level fields of grain index items that queries filter on (the views' JSON names).</summary>
public static class IndexFields
{
    public const string Status = "status";
}
