using System.Collections.Concurrent;

namespace Vrps.Runtime.Tests.Grains;

/// <summary>What test grains report about themselves; one per test silo (a DI singleton).</summary>
public sealed class Probe
{
    private int inside;
    private int maxInside;

    public ConcurrentQueue<string> Log { get; } = new();

    public ConcurrentDictionary<string, int> Activations { get; } = new();

    /// <summary>While set, reminder handlers wait on it after logging their tick: a fire held in flight.</summary>
    public TaskCompletionSource? HoldReminders { get; set; }

    public ConcurrentDictionary<string, int> Deactivations { get; } = new();

    public int MaxConcurrency => Volatile.Read(ref maxInside);

    public void Enter()
    {
        var now = Interlocked.Increment(ref inside);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInside)) && Interlocked.CompareExchange(ref maxInside, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref inside);
}
