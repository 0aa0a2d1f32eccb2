using System.Diagnostics;

namespace Vrps.Bench.Deadlines;

/// <param name="GcHeapBytes">The managed heap after a full, compacting collection: what the silo keeps.</param>
/// <param name="WorkingSetBytes">Resident memory right after that collection.</param>
/// <param name="PeakWorkingSetBytes">The most resident memory the process has had so far (start-up included).</param>
/// <param name="AllocatedBytes">Everything allocated since the process started: what start-up churned through.</param>
internal sealed record SiloMemory(long GcHeapBytes, long WorkingSetBytes, long PeakWorkingSetBytes, long AllocatedBytes)
{
    public static SiloMemory Measure()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new SiloMemory(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, process.PeakWorkingSet64, allocated);
    }
}
