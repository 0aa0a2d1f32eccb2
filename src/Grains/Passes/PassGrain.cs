using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Money;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Passes;

/// <summary>
/// One pass: the judge of its own claim (issued or voided, never both), its lifecycle (R10) driven by reminders,
/// and the events that tell its lot, unit and offer when it holds or frees a place.
/// </summary>
[GrainType("pass")]
public sealed class PassGrain([PersistentState("pass")] IPersistentState<PassState> storage)
    : EntityGrain<PassState>(storage), IPassGrain, IDeadlineReceiver
{
    private const string Voided = "voided";
    private const string ExpiringSoonReminder = "expiring-soon";
    private const string ExpireReminder = "expire";

    protected override string Kind => IndexKinds.Pass;

    private bool Issued => Store.RecordExists && State.Status != Voided;

    public async Task<PassView> IssueAsync(IssuePass command)
    {
        if (Issued)
        {
            return View();
        }

        if (Store.RecordExists)
        {
            throw new DomainException("claim_expired", "This claim took too long and its hold lapsed; claim again.", DomainErrorKind.Conflict);
        }

        var now = TimeProvider.GetUtcNow();
        Store.State = new PassState
        {
            CustomerId = command.CustomerId,
            PropertyId = command.PropertyId,
            LotId = command.LotId,
            UnitId = command.UnitId,
            OfferId = command.OfferId,
            PassTypeId = command.PassTypeId,
            TermsVersion = command.TermsVersion,
            Terms = command.Terms,
            ConsumerId = command.ConsumerId,
            Plate = command.Plate,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            AmountCents = command.AmountCents,
            Status = command.EndsAt - now <= command.ExpiringSoonLead ? PassStatuses.ExpiringSoon : PassStatuses.Active,
            CreatedAt = now,
        };
        // One deadline at a time: the notice first, and the expiry once the notice has fired, so a claim stages one row.
        if (State.Status == PassStatuses.Active)
        {
            SetReminder(ExpiringSoonReminder, command.EndsAt - command.ExpiringSoonLead);
        }
        else
        {
            SetReminder(ExpireReminder, command.EndsAt);
        }
        if (command.AmountCents > 0)
        {
            SetIndex(new IndexEntry(MoneyIndexKinds.Transaction, Id.ToString("D"), State.CustomerId.ToString("D"), State.CustomerId.ToString("D"), null, now, null,
                new TransactionRecord(Id, Id, State.CustomerId, State.PropertyId, State.LotId, command.AmountCents, TransactionStatuses.Settled, null, now)));
        }

        Changed(EventTypes.PassIssued);
        await SaveAsync();
        return View();
    }

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
        var change = type == EventTypes.PassIssued ? null : PassLifecycle.Of(view);
        if (change is not null)
        {
            RaiseEvent(PassLifecycle.LotNamespace, State.LotId, PassLifecycle.Changed, change);
        }

        if (State.UnitId is { } unitId)
        {
            if (change is not null)
            {
                RaiseEvent(PassLifecycle.UnitNamespace, unitId, PassLifecycle.Changed, change);
            }

            SetIndex(new IndexEntry(IndexKinds.UnitPass, Id.ToString("D"), unitId.ToString("D"), State.CustomerId.ToString("D"), State.Plate, State.CreatedAt, null, view));
        }

        SetIndex(new IndexEntry(IndexKinds.ConsumerPass, Id.ToString("D"), State.ConsumerId.ToString("D"), null, State.Plate, State.CreatedAt, null, view));
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.LotId.ToString("D"), State.CustomerId.ToString("D"), State.Plate, State.CreatedAt, null, View());

    private PassView View() => new(
        Id, State.OfferId, State.CustomerId, State.PropertyId, State.LotId, State.UnitId, State.PassTypeId, State.TermsVersion, State.Terms!,
        State.ConsumerId, State.Plate, State.Status, State.StartsAt, State.EndsAt, State.EndedAt, State.AmountCents, State.CreatedAt);
}
