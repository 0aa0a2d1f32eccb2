using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Units;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Lots;

[GrainType("lot")]
public sealed class LotGrain(GrainIndex index, [PersistentState("lot")] IPersistentState<LotState> storage)
    : EntityGrain<LotState>(storage), ILotGrain, IDeadlineReceiver
{
    private const string PeerRevocationReminder = "finish-peer-revocations";

    protected override string Kind => IndexKinds.Lot;

    public async Task<LotView> InitializeAsync(Guid customerId, Guid propertyId, CreateLot command, Actor actor)
    {
        RequireNew();
        var name = Names.Require(command.Name);
        Store.State = new LotState
        {
            CustomerId = customerId,
            PropertyId = propertyId,
            Name = name,
            Capacity = Numbers.Require(command.Capacity, "capacity", 0, LotRules.MaxCapacity),
            Mode = LotRules.Mode(command.Mode),
            GracePeriodMinutes = Numbers.InRange(command.GracePeriodMinutes ?? 0, "gracePeriodMinutes", 0, LotRules.MaxGraceMinutes),
            Slug = LotRules.Slug(name, Id),
            QrCode = LotRules.QrCode(Id),
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.LotCreated, View());
        await SaveAsync();
        return View();
    }

    public Task<LotView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<LotView> UpdateAsync(UpdateLot command, Actor actor)
    {
        RequireExists();
        var next = LotRules.Patch(new LotSettings(State.Name, State.Capacity, State.Mode, State.GracePeriodMinutes), command);
        var before = View();
        (State.Name, State.Capacity, State.Mode, State.GracePeriodMinutes) = (next.Name, next.Capacity, next.Mode, next.GracePeriodMinutes);
        Audit(AuditActions.Updated, actor, before, View());
        Publish(EventTypes.LotUpdated, View());
        await SaveAsync();
        return View();
    }

    public async Task DeleteAsync(Actor actor)
    {
        if (Exists)
        {
            await SoftDeleteAsync(actor, View(), EventTypes.LotDeleted);
        }
    }

    public async Task<LotView> GrantPeerPropertyAsync(Guid propertyId, Actor actor)
    {
        RequireExists();
        if (propertyId == State.PropertyId)
        {
            throw new DomainException("own_property", "A lot's own property needs no peer grant: its units can be granted the lot directly.");
        }

        var peer = await GrainFactory.GetGrain<IPropertyGrain>(propertyId).GetAsync();
        if (peer.CustomerId != State.CustomerId)
        {
            throw new DomainException("cross_customer_grant", "A lot can only be shared with properties of the same customer (R5).");
        }

        if (State.PendingPeerRevocations.Contains(propertyId))
        {
            // The earlier withdrawal finishes first, so it cannot take away a unit's access granted under the new grant.
            await RevokeUnitsAsync(propertyId, actor);
        }

        if (!State.PeerPropertyIds.Contains(propertyId))
        {
            var before = View();
            State.PeerPropertyIds.Add(propertyId);
            Audit(AuditActions.PeerGranted, actor, before, View());
            await SaveAsync();
        }

        return View();
    }

    public async Task<LotView> RevokePeerPropertyAsync(Guid propertyId, Actor actor)
    {
        RequireExists();
        if (State.PeerPropertyIds.Contains(propertyId))
        {
            var before = View();
            State.PeerPropertyIds.Remove(propertyId);
            State.PendingPeerRevocations.Add(propertyId);
            Audit(AuditActions.PeerRevoked, actor, before, View());
            BeginDurableFinish(PeerRevocationReminder);
            await SaveAsync();
        }

        // Also when the grant was already gone: a retried withdrawal finishes whatever its first attempt left.
        await RevokeUnitsAsync(propertyId, actor);
        return View();
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName != PeerRevocationReminder || !Exists)
        {
            return;
        }

        foreach (var propertyId in State.PendingPeerRevocations.ToList())
        {
            await RevokeUnitsAsync(propertyId, Actor.System);
        }
    }

    /// <summary>The peer property's units lose this lot with the grant that allowed it; each unit's revocation is idempotent.</summary>
    private async Task RevokeUnitsAsync(Guid propertyId, Actor actor)
    {
        foreach (var unitId in await index.ChildIdsAsync(IndexKinds.Unit, propertyId.ToString("D")))
        {
            await GrainFactory.GetGrain<IUnitGrain>(Guid.Parse(unitId)).RevokeLotAsync(Id, actor);
        }

        if (State.PendingPeerRevocations.Remove(propertyId))
        {
            if (State.PendingPeerRevocations.Count == 0)
            {
                CancelReminder(PeerRevocationReminder);
            }

            await SaveAsync();
        }
    }

    /// <summary>The slug row commits with every write, so a deleted lot's landing page stops answering with it.</summary>
    protected override Task SaveAsync()
    {
        SetIndex(new IndexEntry(IndexKinds.LotSlug, State.Slug, Id.ToString("D"), State.CustomerId.ToString("D"), null, State.CreatedAt, State.DeletedAt, new { lotId = Id }));
        return base.SaveAsync();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.PropertyId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private LotView View() => new(
        Id, State.PropertyId, State.CustomerId, State.Name, State.Capacity, State.Mode, State.GracePeriodMinutes, State.Slug, State.QrCode,
        State.PeerPropertyIds.ToArray(), State.CreatedAt);
}
