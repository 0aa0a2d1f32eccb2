namespace Vrps.Bench.Deadlines;

/// <summary>Every fire reported by the silos of one provider, across restarts, in the order they arrived.</summary>
internal sealed class FireRecorder
{
    private readonly Lock gate = new();
    private readonly List<TimerFire> fires = [];
    private readonly Dictionary<string, int> distinctByPrefix = new(StringComparer.Ordinal);
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public void Record(TimerFire fire)
    {
        lock (gate)
        {
            fires.Add(fire);
            if (seen.Add(fire.Key))
            {
                var prefix = PrefixOf(fire.Key);
                distinctByPrefix[prefix] = distinctByPrefix.GetValueOrDefault(prefix) + 1;
            }
        }
    }

    /// <summary>How many different timers with keys starting <paramref name="prefix"/> (one of <see cref="TimerKeys"/>) have fired.</summary>
    public int DistinctFired(string prefix)
    {
        lock (gate)
        {
            return distinctByPrefix.GetValueOrDefault(prefix);
        }
    }

    public IReadOnlyList<TimerFire> Snapshot()
    {
        lock (gate)
        {
            return [.. fires];
        }
    }

    private static string PrefixOf(string key) => key[..(key.IndexOf('-', StringComparison.Ordinal) + 1)];
}
