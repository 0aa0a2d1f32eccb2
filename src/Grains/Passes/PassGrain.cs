using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Passes;

/// <summary>
/// One pass after its claim: issued by the lot's occupancy, which writes its first state (<see cref="PassIssuance"/>)
/// without activating it, or voided here when a hold lapsed first (never both); then its lifecycle (R10) driven by
/// deadlines, and the events that tell its lot and unit when it stops holding a place.
/// </summary>
[GrainType("pass")]
public sealed class PassGrain([PersistentState(PassIssuance.StateName)] IPersistentState<PassState> storage)
    : EntityGrain<PassState>(storage), IPassGrain, IDeadlineReceiver
{
    private const string Voided = "voided";
    private const string ExpiringSoonReminder = PassIssuance.ExpiringSoonReminder;
    private const string ExpireReminder = PassIssuance.ExpireReminder;

    protected override string Kind => IndexKinds.Pass;

    private bool Issued => Store.RecordExists && State.Status != Voided;

    public async Task<bool> ResolveAsync()
    {
        if (Issued)
        {
            return true;
        }

        if (!Store.RecordExists)
        {
            Store.State = new PassState { Status = Voided, CreatedAt = TimeProvider.GetUtcNow() };
            await Store.WriteStateAsync();
        }

        return false;
    }

    public Task<PassView?> FindAsync() => Task.FromResult(Issued ? View() : null);

    public Task<PassView> RevokeAsync(Actor actor) => TransitionAsync(PassTransitions.Revoke, actor);

    public Task<PassView> SuspendAsync(Actor actor) => TransitionAsync(PassTransitions.Suspend, actor);

    public Task<PassView> ResumeAsync(Actor actor) => TransitionAsync(PassTransitions.Resume, actor);

    public Task<PassView> CancelAsync(Actor actor) => TransitionAsync(PassTransitions.Cancel, actor);

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (!Issued)
        {
            return;
        }

        if (reminderName == ExpiringSoonReminder)
        {
            // The expiry is armed whatever the pass's status now (a suspended pass still expires), in the same commit.
            if (PassStatuses.HoldsCapacity(State.Status))
            {
                SetReminder(ExpireReminder, State.EndsAt);
            }

            if (State.Status == PassStatuses.Active)
            {
                await TransitionAsync(PassTransitions.MarkExpiringSoon, Actor.System);
            }
            else
            {
                await FlushAsync();
            }
        }
        else if (reminderName == ExpireReminder && PassStatuses.HoldsCapacity(State.Status))
        {
            await TransitionAsync(PassTransitions.Expire, Actor.System, dueAt);
        }
    }

    private async Task<PassView> TransitionAsync(string action, Actor actor, DateTimeOffset? at = null)
    {
        if (!Issued)
        {
            throw DomainException.NotFound("Pass", Id);
        }

        var before = View();
        var next = PassTransitions.Next(State.Status, action);
        var now = at ?? TimeProvider.GetUtcNow();
        if (next == PassStatuses.Active && now >= State.EndsAt)
        {
            next = PassStatuses.Expired;
        }

        State.Status = next;
        if (!PassStatuses.HoldsCapacity(next))
        {
            State.EndedAt = now;
            CancelReminder(ExpiringSoonReminder);
            CancelReminder(ExpireReminder);
        }

        if (actor != Actor.System)
        {
            Audit(PassTransitions.AuditAction(action, next), actor, before, View());
        }

        Changed(PassTransitions.EventType(action, next));
        await SaveAsync();
        return View();
    }

    /// <summary>
    /// Tells the tenant (feed, webhooks) and, once the pass exists, the lot and unit streams, all in the same commit.
    /// Issuance itself is not streamed to the holders: the claim confirms their holds directly, and a confirmation
    /// lost to a crash is settled when the hold lapses by asking this grain (<see cref="Holds"/>), so an event would
    /// only repeat what they learn anyway — at a write, a read and a delivery per holder per claim.
    /// </summary>
    private void Changed(string type)
    {
        var view = View();
        Publish(type, view);
        var change = PassLifecycle.Of(view);
        RaiseEvent(PassLifecycle.LotNamespace, State.LotId, PassLifecycle.Changed, change);
        if (State.UnitId is { } unitId)
        {
            RaiseEvent(PassLifecycle.UnitNamespace, unitId, PassLifecycle.Changed, change);
        }
    }

    protected override IndexEntry IndexRow() => PassIssuance.IndexRow(View());

    private PassView View() => PassIssuance.View(Id, State);
}
