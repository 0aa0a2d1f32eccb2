namespace Vrps.Bench.Reminders;

/// <summary>One reminder to store: its grain key (which also says what kind of row it is) and when it is due.</summary>
internal readonly record struct SeedRow(string Key, DateTimeOffset DueAt)
{
    // Far-future rows are spread over a year starting a month ahead, so the due_at index looks like a real one.
    private static readonly TimeSpan FarStart = TimeSpan.FromDays(30);
    private static readonly TimeSpan FarSpread = TimeSpan.FromDays(365);

    /// <summary>Far-future rows with keys f{first}..f{first+count-1}, out of <paramref name="total"/> such rows.</summary>
    public static IEnumerable<SeedRow> Far(int first, int count, int total, DateTimeOffset now)
    {
        var step = FarSpread.Ticks / Math.Max(1, total);
        for (var i = first; i < first + count; i++)
        {
            yield return new SeedRow(ReminderFireLog.FarKey(i), Microseconds(now + FarStart + TimeSpan.FromTicks(step * i)));
        }
    }

    /// <summary>The measured batch: d0..d{count-1}, due uniformly over the window that starts at <paramref name="windowStart"/>.</summary>
    public static IEnumerable<SeedRow> Due(int count, DateTimeOffset windowStart, TimeSpan window)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new SeedRow(ReminderFireLog.DueKey(i), Microseconds(windowStart + TimeSpan.FromTicks(window.Ticks * i / count)));
        }
    }

    /// <summary>A start-up probe: one reminder already overdue, so the time to its fire is the time to the first claim.</summary>
    public static SeedRow Probe(int index, DateTimeOffset now) => new(ReminderFireLog.ProbeKey(index), Microseconds(now - TimeSpan.FromSeconds(1)));

    // timestamptz keeps microseconds: rounding here makes the stored due time exactly the one the row was written with.
    private static DateTimeOffset Microseconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
