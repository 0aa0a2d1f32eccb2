using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Events;

/// <summary>How grain code appends to the event log: stage the effect, and it commits with the grain's next state write.</summary>
public static class EventLog
{
    /// <summary>
    /// An event for stream (<paramref name="streamNamespace"/>, <paramref name="streamKey"/>), to stage with
    /// <see cref="CommitEffectGrainExtensions.StageCommitEffect"/>. It takes the stream's next sequence in the state
    /// write's transaction, so a stream's order is its commit order and a rolled-back write leaves no event and no gap.
    /// </summary>
    public static ICommitEffect Append(string streamNamespace, string streamKey, string type, string payloadJson, DateTimeOffset occurredAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentException.ThrowIfNullOrEmpty(streamKey);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(payloadJson);
        return new AppendEvent(streamNamespace, streamKey, type, payloadJson, occurredAt);
    }
}
