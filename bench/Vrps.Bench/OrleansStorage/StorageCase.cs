namespace Vrps.Bench.OrleansStorage;

/// <param name="Callers">Closed-loop clients; call n goes to grain n mod Grains.</param>
internal sealed record StorageCase(int Number, string Title, int Grains, int Callers, int QuickWrites, int FullWrites)
{
    public static IReadOnlyList<StorageCase> All { get; } =
    [
        new(1, "1 grain, 1 caller, sequential awaited writes", 1, 1, 300, 5_000),

        // Orleans runs one turn at a time on a non-reentrant grain, and the turn awaits WriteStateAsync: the callers
        // queue in the grain's mailbox and its writes still reach storage one at a time.
        new(2, "1 grain, 64 callers (Orleans serialises the turns)", 1, 64, 300, 5_000),
        // 100,000 so that group commit, at about 100k writes/s here, is measured over a second rather than a blink.
        new(3, "1,000 grains, 1,000 callers, awaited writes", 1_000, 1_000, 3_000, 100_000),
    ];

    public int Writes(bool quick) => quick ? QuickWrites : FullWrites;

    /// <summary>Untimed writes after the activating one, so JIT, pools and caches have settled.</summary>
    public int WarmupWrites(bool quick) => Writes(quick) / 10;
}
