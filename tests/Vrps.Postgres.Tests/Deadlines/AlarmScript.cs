using System.Collections.Concurrent;
using System.Diagnostics;

namespace Vrps.Postgres.Tests.Deadlines;

/// <summary>
/// What the alarm grain of one key does when a deadline fires, and what it saw. Static because the silos of a test
/// cluster each have their own services; tests keep apart by using keys of their own.
/// </summary>
public sealed class AlarmScript
{
    private static readonly ConcurrentDictionary<string, AlarmScript> Scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AlarmFire> fired = new();
    private readonly ConcurrentQueue<long> attempts = new();
    private int failuresLeft;

    public static AlarmScript For(string key) => Scripts.GetOrAdd(key, static _ => new AlarmScript());

    /// <summary>Fires that succeeded.</summary>
    public IReadOnlyList<AlarmFire> Fired => [.. fired];

    /// <summary>Stopwatch timestamps of every call, successful or not.</summary>
    public IReadOnlyList<long> Attempts => [.. attempts];

    /// <summary>While set, a call waits for it before it succeeds.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public void FailNext(int count) => Volatile.Write(ref failuresLeft, count);

    public async Task ReceiveAsync(string name, DateTimeOffset dueAt)
    {
        attempts.Enqueue(Stopwatch.GetTimestamp());
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw new InvalidOperationException($"Deadline {name} is scripted to fail.");
        }

        if (Hold is { } hold)
        {
            await hold.Task;
        }

        fired.Enqueue(new AlarmFire(name, dueAt));
    }
}
