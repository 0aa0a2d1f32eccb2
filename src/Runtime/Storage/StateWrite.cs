namespace Vrps.Runtime.Storage;

/// <param name="Payload">
/// The JSON of the new state as UTF-8 (never turned into a .NET string: a large state would be transcoded twice per
/// write); null clears it (a tombstone that keeps the version moving forward).
/// </param>
internal sealed record StateWrite(GrainId Grain, string StateName, long ExpectedVersion, byte[]? Payload);
