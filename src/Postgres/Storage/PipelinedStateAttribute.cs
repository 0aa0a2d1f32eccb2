namespace Vrps.Postgres.Storage;

/// <summary>
/// Like Orleans' <c>[PersistentState]</c>, for a reentrant grain that writes its state again before the last write
/// committed: the <see cref="IPersistentState{TState}"/> it gets hands every write to the storage at once, instead of
/// waiting, as Orleans' own state does, for the write before it to complete. With our storage such writes fold into
/// the next transaction (<see cref="VrpsGrainStorage"/>), so each decision waits for one commit, not for two.
/// Same state name and provider, same rows: a grain can switch between the two attributes without a migration.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PipelinedStateAttribute(string stateName, string? storageName = null) : Attribute, IFacetMetadata
{
    public string StateName { get; } = stateName;

    /// <summary>The storage provider; null for the silo's default one.</summary>
    public string? StorageName { get; } = storageName;
}
