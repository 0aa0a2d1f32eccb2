using System.Text.Json;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Index;

/// <summary>How grain code keeps its grain index row current: stage the effect, and it commits with the next state write.</summary>
public static class GrainIndexRows
{
    /// <summary>
    /// The effect upserting <paramref name="entry"/>'s row, to stage with
    /// <see cref="CommitEffectGrainExtensions.StageCommitEffect"/>. The item is serialized now, because the effect runs
    /// later on the storage's commit loop, when the grain may have changed the object. An existing row keeps its
    /// created_at (its place in lists); every other column is replaced, deleted_at included, so a row can be restored.
    /// </summary>
    public static ICommitEffect Upsert(IndexEntry entry, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(entry.Kind);
        ArgumentException.ThrowIfNullOrEmpty(entry.Id);
        ArgumentNullException.ThrowIfNull(entry.Data);
        var data = JsonSerializer.Serialize(entry.Data, entry.Data.GetType(), json);
        return new UpsertIndexRow(entry.Kind, entry.Id, entry.ParentId, entry.TenantId, entry.Name, entry.CreatedAt, entry.DeletedAt, data);
    }
}
