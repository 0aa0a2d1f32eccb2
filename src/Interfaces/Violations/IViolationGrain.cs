
namespace Vrps.Interfaces.Violations;

/// <summary>A parking violation a patrol logged at a lot (R14), keyed by the violation id.</summary>
public interface IViolationGrain : IGrainWithGuidKey
{
    /// <summary>Records the violation with the plate's lookup at that moment, its audit record and the tenant event "violation.recorded".</summary>
    Task<ViolationView> RecordAsync(RecordViolation command, Actor actor);

    [ReadOnly]
    Task<ViolationView> GetAsync();
}
