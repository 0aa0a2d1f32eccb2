using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Common;

/// <summary>
/// Shared plumbing of the tree's grains: existence and soft deletion, the index row that lists read, and the audit
/// record that commits with each change.
/// </summary>
public abstract class EntityGrain<TState>(IPersistentState<TState> state) : VrpsGrain
    where TState : EntityState, new()
{
    protected TState State => state.State;

    protected IPersistentState<TState> Store => state;

    /// <summary>The index kind and the name used in messages, e.g. "lot" / "Lot".</summary>
    protected abstract string Kind { get; }

    protected Guid Id => this.GetPrimaryKey();

    protected bool Exists => state.RecordExists && State.DeletedAt is null;

    protected void RequireExists()
    {
        if (!Exists)
        {
            throw DomainException.NotFound(Title, Id);
        }
    }

    protected void RequireNew()
    {
        if (state.RecordExists)
        {
            throw new DomainException("already_exists", $"{Title} {Id} already exists.", DomainErrorKind.Conflict);
        }
    }

    private string Title => char.ToUpperInvariant(Kind[0]) + Kind[1..].Replace('_', ' ');

    /// <summary>The list row for this entity (parent, tenant, and the item shown in lists).</summary>
    protected abstract IndexEntry IndexRow();

    protected void Audit(string action, Actor actor, object? before, object? after) =>
        Audit(action, actor, before, after, State.CustomerId == Guid.Empty ? null : State.CustomerId);

    protected void Audit(string action, Actor actor, object? before, object? after, Guid? customerId) =>
        RaiseEvent(
            AuditRecord.Namespace, Id,
            AuditRecord.EventType(Kind, action),
            new AuditRecord(Id, Kind, customerId, action, actor, before, after, TimeProvider.GetUtcNow()));

    /// <summary>Publishes a domain event on the customer's event stream (feed and webhooks), committed with the next write.</summary>
    protected void Publish(string type, object payload) => Publish(State.CustomerId, type, payload);

    protected void Publish(Guid customerId, string type, object payload) =>
        RaiseEvent(TenantEvents.Namespace, customerId, type, payload);

    /// <summary>
    /// Deletes children through their own grains. A reminder staged with the parent's deletion finishes the cascade
    /// if this silo dies half-way; each child's delete is idempotent.
    /// </summary>
    protected async Task CascadeDeleteAsync(GrainIndex index, Actor actor, params (string Kind, Func<Guid, Task> Delete)[] children)
    {
        foreach (var (kind, delete) in children)
        {
            foreach (var childId in await index.ChildIdsAsync(kind, Id.ToString("D")))
            {
                await delete(Guid.Parse(childId));
            }
        }

        await EndDurableFinishAsync(CascadeReminder);
    }

    /// <summary>
    /// Begins work that must finish once the write that starts it has committed, though it spans other grains (a
    /// cascade over children, a revocation across units): the reminder staged here commits with that write and, if
    /// this silo dies half-way, resumes the work when it falls due. The work must be idempotent. It falls due a little
    /// later, so a silo that stays up finishes the work itself and cancels it: a reminder claimed while the work still
    /// ran would hold its lease through a crash and fire only when that lapsed.
    /// </summary>
    protected void BeginDurableFinish(string reminderName) => SetReminder(reminderName, TimeProvider.GetUtcNow() + DurableFinishGrace);

    /// <summary>The work begun by <see cref="BeginDurableFinish"/> is done: its reminder is cancelled with this commit.</summary>
    protected async Task EndDurableFinishAsync(string reminderName)
    {
        CancelReminder(reminderName);
        await FlushAsync();
    }

    protected const string CascadeReminder = "cascade-delete";

    private static readonly TimeSpan DurableFinishGrace = TimeSpan.FromSeconds(10);

    /// <summary>The children deleted with this entity (kind in the index, and how to delete one); none for leaves.</summary>
    protected virtual (string Kind, Func<Guid, Task> Delete)[] Children(Actor actor) => [];

    /// <summary>Soft-deletes this entity and then its children, with a reminder staged in the same commit that resumes the cascade after a crash.</summary>
    protected async Task DeleteWithChildrenAsync(GrainIndex index, Actor actor, object before, string deletedEvent)
    {
        if (!Exists)
        {
            return;
        }

        BeginDurableFinish(CascadeReminder);
        await SoftDeleteAsync(actor, before, deletedEvent);
        await CascadeDeleteAsync(index, actor, Children(actor));
    }

    /// <summary>The reminder side of <see cref="DeleteWithChildrenAsync"/>.</summary>
    protected Task ResumeCascadeAsync(GrainIndex index, string reminderName) =>
        reminderName == CascadeReminder && State.DeletedAt is not null
            ? CascadeDeleteAsync(index, Actor.System, Children(Actor.System))
            : Task.CompletedTask;

    /// <summary>Writes state with its index row and whatever events were raised; completes once committed.</summary>
    protected virtual Task SaveAsync()
    {
        SetIndex(IndexRow());
        return state.WriteStateAsync();
    }

    /// <param name="deletedEvent">The entity's documented "*.deleted" event type.</param>
    protected async Task SoftDeleteAsync(Actor actor, object before, string deletedEvent)
    {
        State.DeletedAt = TimeProvider.GetUtcNow();
        Audit(AuditActions.Deleted, actor, before, null);
        Publish(deletedEvent, before);
        await SaveAsync();
    }
}
