namespace Vrps.Runtime;

/// <summary>
/// A grain's durable state, stored as jsonb with a version. A write whose expected version no longer matches
/// the stored one fails with <see cref="StateConflictException"/>; it never overwrites silently.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The version this activation last read or wrote; 0 when no record exists yet.</summary>
    long Version { get; }

    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>
    /// Stages the current state, with the events and reminder changes the activation raised, for the next group commit
    /// and completes when that commit has succeeded.
    /// </summary>
    Task WriteStateAsync();

    Task ClearStateAsync();
}
