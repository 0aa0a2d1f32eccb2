using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.Streams.Core;
using Vrps.Interfaces;
using Vrps.Interfaces.Events;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Events;
using Vrps.Postgres.Index;
using Vrps.Postgres.Storage;

namespace Vrps.Grains.Common;

/// <summary>
/// Base of our grains: an Orleans <see cref="Grain"/> that stages what must commit with its next state write (events,
/// deadlines, index rows) as commit effects of our grain storage, and reads business time, which tests move.
/// </summary>
public abstract class VrpsGrain : Grain
{
    private TimeProvider? time;
    private IDeadlines? deadlines;

    /// <summary>Business time: the keyed clock a test can move, else the silo's own.</summary>
    protected TimeProvider TimeProvider => time ??= BusinessTime.From(ServiceProvider);

    private IDeadlines Deadlines => deadlines ??= ServiceProvider.GetRequiredService<IDeadlines>();

    /// <summary>Stages an event on stream (<paramref name="streamNamespace"/>, <see cref="StreamKeys.Of"/>(<paramref name="streamKey"/>)); it commits with the next state write or flush.</summary>
    protected void RaiseEvent(string streamNamespace, Guid streamKey, string type, object payload) =>
        this.StageCommitEffect(EventOf(streamNamespace, streamKey, type, payload));

    /// <summary>Stages a durable one-shot deadline (moved if one of that name exists); it fires as <see cref="IDeadlineReceiver.OnDeadlineAsync"/>.</summary>
    protected void SetReminder(string name, DateTimeOffset dueAt) => this.StageCommitEffect(DeadlineOf(this.GetGrainId(), name, dueAt));

    /// <summary>Stages the removal of a durable deadline.</summary>
    protected void CancelReminder(string name) => this.StageCommitEffect(Deadlines.Cancel(this.GetGrainId(), name));

    /// <summary>Stages this grain's row in the grain index (for lists); it commits with the next write.</summary>
    protected void SetIndex(IndexEntry entry) => this.StageCommitEffect(IndexRowOf(entry));

    /// <summary>An event, as an effect for a write of this grain's choosing (<see cref="RaiseEvent"/> stages one on its own next write).</summary>
    protected ICommitEffect EventOf(string streamNamespace, Guid streamKey, string type, object payload) =>
        EventLog.Append(streamNamespace, StreamKeys.Of(streamKey), type, JsonSerializer.Serialize(payload, payload.GetType(), VrpsJson.Options), TimeProvider.GetUtcNow());

    /// <summary>A deadline of <paramref name="grain"/>, as an effect for a write of this grain's choosing.</summary>
    protected ICommitEffect DeadlineOf(GrainId grain, string name, DateTimeOffset dueAt) => Deadlines.Set(grain, name, dueAt);

    /// <summary>A row of the grain index, as an effect for a write of this grain's choosing.</summary>
    protected static ICommitEffect IndexRowOf(IndexEntry entry) => GrainIndexRows.Upsert(entry, VrpsJson.Options);

    /// <summary>Commits the staged events, deadlines and index rows now, without a state write.</summary>
    protected Task FlushAsync() => this.FlushCommitEffectsAsync();

    /// <summary>
    /// For a grain with an implicit stream subscription: delivers its stream's events to <paramref name="handler"/>,
    /// each once in sequence order. Delivery is at-least-once, so a replayed event (its sequence at or below
    /// <paramref name="lastSequence"/>) is skipped here; the handler records the sequence it applied.
    /// </summary>
    protected static Task ResumeEventsAsync(IStreamSubscriptionHandleFactory handleFactory, Func<long> lastSequence, Func<StreamEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.Create<LoggedEvent>().ResumeAsync(new EventObserver(handleFactory.StreamId, lastSequence, handler));
    }

    private sealed class EventObserver(StreamId stream, Func<long> lastSequence, Func<StreamEvent, Task> handler) : IAsyncObserver<LoggedEvent>
    {
        public Task OnNextAsync(LoggedEvent item, StreamSequenceToken? token = null) =>
            item.Sequence <= lastSequence()
                ? Task.CompletedTask
                : handler(new StreamEvent(stream.GetNamespace() ?? "", stream.GetKeyAsString(), item.Sequence, item.Type, item.PayloadJson, item.OccurredAt));

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}
