using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Offers;

/// <summary>
/// An offer (R8) and the first gate of every claim. A hot grain: holds are decided synchronously and join the next
/// coalesced write (<see cref="CoalescedWrites"/>), so the next claim runs while each reply still waits for its
/// commit, and a burst on one offer becomes a few large writes instead of one per claim. It needs no pass events: a
/// place is claimed for good once its pass is issued, which the claim confirms (<see cref="ConfirmAsync"/>) or the
/// hold's lapse finds out from the pass grain; later changes of the pass never give an offer's place back.
/// </summary>
[GrainType("offer")]
[Reentrant]
public sealed class OfferGrain : EntityGrain<OfferState>, IOfferGrain, IDeadlineReceiver
{
    private const string ExpireReminder = "expire";

    /// <summary>How long a confirmed claim may wait for the offer's next write before it is written on its own.</summary>
    internal static readonly TimeSpan ConfirmationDelay = TimeSpan.FromSeconds(1);

    private readonly CoalescedWrites writes;
    private IGrainTimer? confirmations;
    private bool confirmationsDue;
    private DateTimeOffset? lapseArmedAt;

    public OfferGrain([PersistentState("offer")] IPersistentState<OfferState> storage)
        : base(storage)
    {
        writes = new CoalescedWrites(base.SaveAsync, DeactivateOnIdle);
    }

    protected override Task SaveAsync() => writes.SaveAsync();

    protected override string Kind => IndexKinds.Offer;

    public async Task<OfferView> InitializeAsync(CreateOffer command, OfferContext context, Actor actor)
    {
        RequireNew();
        if (!OfferKinds.All.Contains(command.Kind))
        {
            throw DomainException.Validation("kind", $"kind must be one of {string.Join(", ", OfferKinds.All)}.");
        }

        if (command.Capacity is { } capacity)
        {
            Numbers.InRange(capacity, "capacity", 1, 1_000_000);
        }
        else if (command.Kind == OfferKinds.Group)
        {
            throw DomainException.Validation("capacity", "A group offer needs a capacity cap.");
        }

        if (command.StartsAt is { } start && command.EndsAt is { } end && end <= start)
        {
            throw DomainException.Validation("endsAt", "endsAt must be after startsAt.");
        }

        var now = TimeProvider.GetUtcNow();
        if (command.ExpiresAt is { } expires && expires <= now)
        {
            throw DomainException.Validation("expiresAt", "expiresAt must be in the future.");
        }

        Store.State = new OfferState
        {
            CustomerId = context.CustomerId,
            PropertyId = context.PropertyId,
            LotId = context.LotId,
            PassTypeId = command.PassTypeId,
            UnitId = command.UnitId,
            Kind = command.Kind,
            Status = OfferStatuses.Active,
            Capacity = command.Capacity,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            ExpiresAt = command.ExpiresAt,
            Code = command.Kind == OfferKinds.ClaimCode ? Secrets.ClaimCode() : null,
            ShareToken = command.Kind == OfferKinds.Group ? Secrets.ShareToken() : null,
            CreatedAt = now,
        };
        IndexSecrets(null);
        if (command.ExpiresAt is { } expiry)
        {
            SetReminder(ExpireReminder, expiry);
        }

        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.OfferCreated, View());
        await SaveAsync();
        return View();
    }

    public async Task<OfferView> GetAsync()
    {
        RequireExists();
        await writes.DurableAsync();
        return View();
    }

    public Task<OfferReservation> ReserveAsync(Guid passId, ClaimAuthorization authorization)
    {
        RequireExists();
        if (State.Holds.ContainsKey(passId))
        {
            return Task.FromResult(new OfferReservation(passId, View()));
        }

        var now = TimeProvider.GetUtcNow();
        switch (OfferAvailability.BlockAt(State.Status, State.ExpiresAt, State.StartsAt, State.EndsAt, now))
        {
            case OfferBlock.NotActive:
                return Refused(passId, "offer_not_active", $"This offer is {State.Status}.", DomainErrorKind.Conflict);
            case OfferBlock.OutsideWindow:
                return Refused(passId, "outside_claim_window", "This offer cannot be claimed at this time.", DomainErrorKind.Refused);
        }

        var authorized = State.Kind switch
        {
            OfferKinds.Open => authorization.Kind == OfferKinds.Open,
            OfferKinds.ClaimCode => authorization.Kind == OfferKinds.ClaimCode && authorization.Secret is { } code && Secrets.NormalizeCode(code) == State.Code,
            OfferKinds.Group => authorization.Kind == OfferKinds.Group && authorization.Secret == State.ShareToken,
            _ => authorization.Kind == OfferKinds.Direct,
        };
        if (!authorized)
        {
            return Refused(passId, "code_invalid", "The claim code or share link is not valid for this offer.", DomainErrorKind.Refused);
        }

        // Counted after the authorization, so a wrong code never learns whether the offer is full.
        if (OfferAvailability.PlacesLeft(State.Capacity, State.ClaimedCount, State.Holds.Count) is 0)
        {
            return Refused(passId, "offer_exhausted", "Every pass of this offer has been claimed.", DomainErrorKind.Conflict);
        }

        // Holds already stored have their lapse reminder armed, due no later than the earliest of them.
        if (Holds.Place(State.Holds, passId, now, lapseArmedAt ?? Holds.NextLapse(State.Holds)) is { } lapse)
        {
            SetReminder(Holds.Reminder, lapse);
            lapseArmedAt = lapse;
        }

        return ReservedAsync(new OfferReservation(passId, View()));
    }

    private Task<OfferReservation> Refused(Guid passId, string code, string message, DomainErrorKind kind) =>
        Task.FromResult(new OfferReservation(passId, View(), new Refusal(code, message, kind)));

    private async Task<OfferReservation> ReservedAsync(OfferReservation reservation)
    {
        await SaveAsync();
        return reservation;
    }

    public async Task CancelReservationAsync(Guid passId)
    {
        if (State.Holds.Remove(passId))
        {
            await SaveAsync();
        }
    }

    public async Task<OfferView> RevokeAsync(Actor actor)
    {
        RequireExists();
        if (State.Status != OfferStatuses.Revoked)
        {
            var before = View();
            End(OfferStatuses.Revoked, EventTypes.OfferRevoked);
            Audit(AuditActions.Revoked, actor, before, View());
            await SaveAsync();
        }

        return View();
    }

    public async Task<OfferView> RotateCodeAsync(Actor actor)
    {
        RequireExists();
        if (State.Kind != OfferKinds.ClaimCode)
        {
            throw new DomainException("not_a_claim_code_offer", "Only claim-code offers have a code to rotate.", DomainErrorKind.Refused);
        }

        var before = View();
        var old = State.Code;
        State.Code = Secrets.ClaimCode();
        IndexSecrets(old);
        Audit(AuditActions.CodeRotated, actor, before, View());
        await SaveAsync();
        return View();
    }

    /// <summary>
    /// A held place turns into a claimed one once; a confirmation repeated, or coming after the hold lapsed and was
    /// settled, finds no hold. It rides on the offer's next write, or is written on its own after
    /// <see cref="ConfirmationDelay"/> when no claim came meanwhile: lists of offers read the stored rows, so a claim
    /// shows there as pending for at most that long before it shows as claimed. Until then the stored hold keeps the
    /// place: a crash in between leaves it to lapse and be settled as issued. Measured on 2026-12-06, the 1,000-offer
    /// burst wrote each offer twice per claim when confirmations were written at once.
    /// </summary>
    public Task ConfirmAsync(PassLifecycle change)
    {
        if (PassStatuses.HoldsCapacity(change.Pass.Status) && State.Holds.Remove(change.Pass.PassId))
        {
            Claimed(1);
            writes.Defer();
            if (!confirmationsDue)
            {
                confirmationsDue = true;
                confirmations ??= this.RegisterGrainTimer(WriteConfirmationsAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true });
                confirmations.Change(ConfirmationDelay, Timeout.InfiniteTimeSpan);
            }
        }

        return Task.CompletedTask;
    }

    private Task WriteConfirmationsAsync(CancellationToken cancellation)
    {
        confirmationsDue = false;
        return writes.HasDeferred ? SaveAsync() : Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (writes.HasDeferred)
        {
            try
            {
                await SaveAsync();
            }
            catch (Exception)
            {
                // The stored holds still keep the places; they lapse and are settled as issued.
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName == ExpireReminder && State.Status is OfferStatuses.Active or OfferStatuses.Exhausted)
        {
            End(OfferStatuses.Expired, EventTypes.OfferExpired);
            await SaveAsync();
        }
        else if (reminderName == Holds.Reminder)
        {
            lapseArmedAt = null;
            var issued = await Holds.SettleLapsedAsync(State.Holds, TimeProvider.GetUtcNow(), GrainFactory);
            Claimed(issued.Count);
            if (Holds.NextLapse(State.Holds) is { } next)
            {
                SetReminder(Holds.Reminder, next);
                lapseArmedAt = next;
            }

            await SaveAsync();
        }
    }

    private void Claimed(int count)
    {
        State.ClaimedCount += count;
        if (State.Status == OfferStatuses.Active && State.Capacity is { } capacity && State.ClaimedCount >= capacity)
        {
            State.Status = OfferStatuses.Exhausted;
            Publish(EventTypes.OfferExhausted, View());
        }
    }

    private void End(string status, string eventType)
    {
        State.Status = status;
        CancelReminder(ExpireReminder);
        Publish(eventType, View());
        IndexSecrets(State.Code, dropCurrent: true);
    }

    /// <summary>Claim codes and share tokens are found through the index; a retired code's row is deleted in the same commit.</summary>
    private void IndexSecrets(string? retiredCode, bool dropCurrent = false)
    {
        var now = TimeProvider.GetUtcNow();
        var data = new { offerId = Id };
        if (retiredCode is not null)
        {
            SetIndex(new IndexEntry(IndexKinds.ClaimCode, $"{State.LotId:D}:{retiredCode}", Id.ToString("D"), null, null, State.CreatedAt, now, data));
        }

        if (!dropCurrent && State.Code is { } code)
        {
            SetIndex(new IndexEntry(IndexKinds.ClaimCode, $"{State.LotId:D}:{code}", Id.ToString("D"), null, null, State.CreatedAt, null, data));
        }

        if (State.ShareToken is { } token)
        {
            SetIndex(new IndexEntry(IndexKinds.ShareToken, token, Id.ToString("D"), null, null, State.CreatedAt, dropCurrent ? now : null, data));
        }
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.LotId.ToString("D"), State.CustomerId.ToString("D"), State.Kind, State.CreatedAt, State.DeletedAt, View());

    private OfferView View() => new(
        Id, State.LotId, State.PropertyId, State.CustomerId, State.PassTypeId, State.UnitId, State.Kind, State.Status, State.Capacity,
        State.ClaimedCount, State.Holds.Count, State.StartsAt, State.EndsAt, State.ExpiresAt, State.Code, State.ShareToken, State.CreatedAt);
}
