namespace Vrps.Runtime.Storage;

/// <param name="Payload">The JSON of the new state; null clears it (a tombstone that keeps the version moving forward).</param>
internal sealed record StateWrite(GrainId Grain, string StateName, long ExpectedVersion, string? Payload);
