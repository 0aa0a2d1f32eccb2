using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Units;
using Vrps.Interfaces.Users;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Units;

[GrainType("unit")]
public sealed class UnitGrain([PersistentState("unit")] IPersistentState<UnitState> storage)
    : EntityGrain<UnitState>(storage), IUnitGrain
{
    protected override string Kind => IndexKinds.Unit;

    public async Task<UnitView> InitializeAsync(Guid customerId, Guid propertyId, CreateUnit command, Actor actor)
    {
        RequireNew();
        Store.State = new UnitState
        {
            CustomerId = customerId,
            PropertyId = propertyId,
            Name = Names.Require(command.Name),
            MaxConcurrentPasses = Numbers.Require(command.MaxConcurrentPasses, "maxConcurrentPasses", 0, UnitRules.MaxPasses),
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.UnitCreated, View());
        await SaveAsync();
        return View();
    }

    public Task<UnitView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<UnitView> UpdateAsync(UpdateUnit command, Actor actor)
    {
        RequireExists();
        var next = UnitRules.Patch(new UnitSettings(State.Name, State.MaxConcurrentPasses), command);
        var before = View();
        (State.Name, State.MaxConcurrentPasses) = (next.Name, next.MaxConcurrentPasses);
        Audit(AuditActions.Updated, actor, before, View());
        Publish(EventTypes.UnitUpdated, View());
        await SaveAsync();
        return View();
    }

    public async Task DeleteAsync(Actor actor)
    {
        if (Exists)
        {
            await SoftDeleteAsync(actor, View(), EventTypes.UnitDeleted);
        }
    }

    public async Task<UnitView> GrantLotAsync(Guid lotId, Actor actor)
    {
        RequireExists();
        var lot = await GrainFactory.GetGrain<ILotGrain>(lotId).GetAsync();
        if (lot.CustomerId != State.CustomerId)
        {
            throw new DomainException("cross_customer_grant", "A unit can only be granted lots of its own customer.");
        }

        if (lot.PropertyId != State.PropertyId && !lot.PeerPropertyIds.Contains(State.PropertyId))
        {
            throw new DomainException(
                "lot_not_accessible",
                "The lot belongs to another property that has not shared it with this unit's property; grant it as a peer lot first (R5, R6).");
        }

        if (!State.LotIds.Contains(lotId))
        {
            var before = View();
            State.LotIds.Add(lotId);
            Audit(AuditActions.LotGranted, actor, before, View());
            await SaveAsync();
        }

        return View();
    }

    public async Task<UnitView> RevokeLotAsync(Guid lotId, Actor actor)
    {
        RequireExists();
        if (State.LotIds.Contains(lotId))
        {
            var before = View();
            State.LotIds.Remove(lotId);
            Audit(AuditActions.LotRevoked, actor, before, View());
            await SaveAsync();
        }

        return View();
    }

    public async Task<UnitView> AddManagerAsync(Guid userId, Actor actor)
    {
        RequireExists();
        var user = await GrainFactory.GetGrain<IUserGrain>(userId).GetAsync();
        if (user.CustomerId != State.CustomerId)
        {
            throw DomainException.NotFound("User", userId);
        }

        if (!State.ManagerIds.Contains(userId))
        {
            var before = View();
            State.ManagerIds.Add(userId);
            Audit(AuditActions.ManagerAdded, actor, before, View());
            await SaveAsync();
        }

        await GrainFactory.GetGrain<IUserGrain>(userId).SetManagesUnitAsync(Id, true);
        return View();
    }

    public async Task<UnitView> RemoveManagerAsync(Guid userId, Actor actor)
    {
        RequireExists();
        if (State.ManagerIds.Contains(userId))
        {
            var before = View();
            State.ManagerIds.Remove(userId);
            Audit(AuditActions.ManagerRemoved, actor, before, View());
            await SaveAsync();
        }

        await GrainFactory.GetGrain<IUserGrain>(userId).SetManagesUnitAsync(Id, false);
        return View();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.PropertyId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private UnitView View() => new(
        Id, State.PropertyId, State.CustomerId, State.Name, State.MaxConcurrentPasses, State.LotIds.ToArray(), State.ManagerIds.ToArray(), State.CreatedAt);
}
