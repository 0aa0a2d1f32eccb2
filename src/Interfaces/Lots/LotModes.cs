namespace Vrps.Interfaces.Lots;

public static class LotModes
{
    public const string Public = "public";
    public const string Private = "private";
    public const string Both = "both";

    public static IReadOnlyList<string> All { get; } = [Public, Private, Both];
}
