namespace Vrps.Runtime;

/// <summary>The stored version of a grain's state is not the one this activation expected.</summary>
public sealed class StateConflictException(GrainId grainId, string stateName, long expectedVersion)
    : Exception($"State '{stateName}' of grain {grainId} was changed elsewhere: expected version {expectedVersion}. The activation was deactivated; retry the call.")
{
    public GrainId GrainId { get; } = grainId;

    public string StateName { get; } = stateName;

    public long ExpectedVersion { get; } = expectedVersion;
}
