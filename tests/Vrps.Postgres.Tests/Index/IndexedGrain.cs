using System.Text.Json;
using Vrps.Postgres.Index;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Events;

namespace Vrps.Postgres.Tests.Index;

/// <summary>Keeps its index row the way product grains will: staged with its state, committed by the default grain storage.</summary>
[GrainType("vrps-test-indexed")]
internal sealed class IndexedGrain([PersistentState("item")] IPersistentState<IndexedState> item, TimeProvider time) : Grain, IIndexedGrain
{
    public async Task SaveAsync(string parentId, string status)
    {
        item.State.Status = status;
        this.StageCommitEffect(Row(parentId));
        await item.WriteStateAsync();
    }

    public async Task SaveThenFailAsync(string parentId, string status)
    {
        item.State.Status = status;
        this.StageCommitEffect(Row(parentId));
        this.StageCommitEffect(new FailingEffect());
        await item.WriteStateAsync();
    }

    private ICommitEffect Row(string parentId)
    {
        var key = this.GetPrimaryKeyString();
        var entry = new IndexEntry(IndexDatabase.Kind, key, parentId, "t1", key, time.GetUtcNow(), null, new IndexItem(key, item.State.Status));
        return GrainIndexRows.Upsert(entry, JsonSerializerOptions.Web);
    }
}
