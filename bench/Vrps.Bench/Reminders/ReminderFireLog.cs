using System.Diagnostics;
using System.Globalization;

namespace Vrps.Bench.Reminders;

/// <summary>
/// What fired, when, and how often, for one silo or one baseline loop. Keys say what a row is: "d{i}" is due reminder i
/// of the measured batch, "f{i}" a far-future one that must not fire, "p{i}" a start-up probe (already overdue at start).
/// Lock-free: a fire costs one Interlocked increment on its own slot, and a compare-and-swap for the latest fire time.
/// </summary>
internal sealed class ReminderFireLog
{
    public const char DuePrefix = 'd';
    public const char FarPrefix = 'f';
    public const char ProbePrefix = 'p';

    private readonly int[] fireCounts;
    private readonly long[] dueTicks;
    private readonly long[] firedTicks;
    private readonly TaskCompletionSource allDue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> probe = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int distinctDue;
    private long duplicateFires;
    private long farFires;
    private long probeFires;
    private long unknownFires;
    private long lastFireUtcTicks;

    /// <param name="dueCount">How many "d" reminders the run expects (0 when only start-up is measured).</param>
    public ReminderFireLog(int dueCount)
    {
        DueCount = dueCount;
        fireCounts = new int[dueCount];
        dueTicks = new long[dueCount];
        firedTicks = new long[dueCount];
        if (dueCount == 0)
        {
            allDue.TrySetResult();
        }
    }

    public int DueCount { get; }

    /// <summary>Completes when every due reminder has fired at least once.</summary>
    public Task AllDueFired => allDue.Task;

    /// <summary>Completes with the Stopwatch timestamp of the first probe fire.</summary>
    public Task<long> FirstProbeFired => probe.Task;

    public int DistinctDue => Volatile.Read(ref distinctDue);

    public long DuplicateFires => Interlocked.Read(ref duplicateFires);

    public long FarFires => Interlocked.Read(ref farFires);

    public long ProbeFires => Interlocked.Read(ref probeFires);

    public long UnknownFires => Interlocked.Read(ref unknownFires);

    /// <summary>UTC ticks of the latest fire of a due reminder; 0 before any.</summary>
    public long LastFireUtcTicks => Interlocked.Read(ref lastFireUtcTicks);

    public static string DueKey(int index) => string.Create(CultureInfo.InvariantCulture, $"{DuePrefix}{index}");

    public static string FarKey(int index) => string.Create(CultureInfo.InvariantCulture, $"{FarPrefix}{index}");

    public static string ProbeKey(int index) => string.Create(CultureInfo.InvariantCulture, $"{ProbePrefix}{index}");

    public void Record(string key, DateTimeOffset dueAt, DateTimeOffset firedAt)
    {
        switch (key.Length > 1 ? key[0] : '\0')
        {
            case DuePrefix when int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < DueCount:
                RecordDue(index, dueAt, firedAt);
                break;
            case FarPrefix:
                Interlocked.Increment(ref farFires);
                break;
            case ProbePrefix:
                Interlocked.Increment(ref probeFires);
                probe.TrySetResult(Stopwatch.GetTimestamp());
                break;
            default:
                Interlocked.Increment(ref unknownFires);
                break;
        }
    }

    /// <summary>Lag (fire minus due) of every due reminder that fired, in milliseconds, in due order; first fires only.</summary>
    public double[] FirstFireLagsMs()
    {
        var lags = new List<double>(DueCount);
        for (var i = 0; i < DueCount; i++)
        {
            if (Volatile.Read(ref fireCounts[i]) > 0)
            {
                lags.Add((firedTicks[i] - dueTicks[i]) / (double)TimeSpan.TicksPerMillisecond);
            }
        }

        return [.. lags];
    }

    /// <summary>First-fire times as UTC ticks, for the throughput buckets; 0 where nothing fired.</summary>
    public long[] FirstFireUtcTicks() => (long[])firedTicks.Clone();

    private void RecordDue(int index, DateTimeOffset dueAt, DateTimeOffset firedAt)
    {
        if (Interlocked.Increment(ref fireCounts[index]) > 1)
        {
            Interlocked.Increment(ref duplicateFires);
            return;
        }

        dueTicks[index] = dueAt.UtcTicks;
        firedTicks[index] = firedAt.UtcTicks;
        var ticks = firedAt.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref lastFireUtcTicks)) < ticks && Interlocked.CompareExchange(ref lastFireUtcTicks, ticks, seen) != seen)
        {
            // Another fire moved the latest time meanwhile; look again.
        }

        if (Interlocked.Increment(ref distinctDue) == DueCount)
        {
            allDue.TrySetResult();
        }
    }
}
