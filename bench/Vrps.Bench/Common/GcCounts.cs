namespace Vrps.Bench.Common;

/// <summary>The process's garbage collections so far: how long they paused it and how many of each generation.</summary>
internal sealed record GcCounts(TimeSpan Paused, int Gen0, int Gen1, int Gen2, long AllocatedBytes)
{
    public static GcCounts Now() =>
        new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());

    public GcCounts Since(GcCounts earlier) =>
        new(Paused - earlier.Paused, Gen0 - earlier.Gen0, Gen1 - earlier.Gen1, Gen2 - earlier.Gen2, AllocatedBytes - earlier.AllocatedBytes);
}
