using System.Collections.Concurrent;

namespace Vrps.Bench.OrleansStorage;

/// <summary>Every acknowledged write of one case and provider, per grain: what the stored rows must show afterwards.</summary>
internal sealed class AckLog
{
    private readonly ConcurrentDictionary<string, List<WriteAck>> acks = new(StringComparer.Ordinal);

    public void Record(string key, WriteAck ack)
    {
        var list = acks.GetOrAdd(key, static _ => []);
        lock (list)
        {
            list.Add(ack);
        }
    }

    public long Count => acks.Values.Sum(static l => (long)l.Count);

    public IReadOnlyDictionary<string, WriteAck> LastByGrain() =>
        acks.ToDictionary(static p => p.Key, static p => p.Value.MaxBy(static a => a.Value)!, StringComparer.Ordinal);

    /// <summary>
    /// Grains whose acknowledged writes, in value order, are not exactly 1..n with strictly increasing versions: a
    /// lost or doubled write, or a version that did not grow.
    /// </summary>
    public IReadOnlyList<string> OutOfOrderGrains()
    {
        var bad = new List<string>();
        foreach (var (key, list) in acks)
        {
            var ordered = list.OrderBy(static a => a.Value).ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                if (ordered[i].Value != i + 1 || (i > 0 && ordered[i].Version <= ordered[i - 1].Version))
                {
                    bad.Add(key);
                    break;
                }
            }
        }

        return bad;
    }
}
