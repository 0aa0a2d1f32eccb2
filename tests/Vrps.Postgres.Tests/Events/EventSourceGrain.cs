using Vrps.Postgres.Events;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Tests.Events;

/// <summary>Raises events the way product grains will: staged with its state, committed by the grain storage.</summary>
[GrainType("vrps-test-event-source")]
internal sealed class EventSourceGrain(
    [PersistentState("source", EventCluster.StorageName)] IPersistentState<SourceState> source,
    TimeProvider time) : Grain, IEventSourceGrain
{
    public async Task AppendAsync(string streamKey, int count)
    {
        for (var i = 0; i < count; i++)
        {
            source.State.Appended++;
            this.StageCommitEffect(EventLog.Append(EventSinkGrain.Namespace, streamKey, EventTypes.Noted, $$"""{"n":{{source.State.Appended}}}""", time.GetUtcNow()));
        }

        await source.WriteStateAsync();
    }

    public async Task AppendThenFailAsync(string streamKey)
    {
        this.StageCommitEffect(EventLog.Append(EventSinkGrain.Namespace, streamKey, EventTypes.Noted, "{}", time.GetUtcNow()));
        this.StageCommitEffect(new FailingEffect());
        source.State.Appended++;
        await source.WriteStateAsync();
    }
}
