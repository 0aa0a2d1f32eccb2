
namespace Vrps.Interfaces.Violations;

/// <summary>One plate check by a patrol (R14), keyed by the scan id: written once, kept as the patrol's log.</summary>
public interface IScanGrain : IGrainWithGuidKey
{
    /// <summary>Looks the plate up at the lot now and records the answer with the scan. Recording the same id twice returns the first scan.</summary>
    Task<ScanView> RecordAsync(RecordScan command, Actor actor);

    [ReadOnly]
    Task<ScanView> GetAsync();
}
