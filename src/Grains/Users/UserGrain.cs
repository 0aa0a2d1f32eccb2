using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Users;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Users;

[GrainType("user")]
public sealed class UserGrain([PersistentState("user")] IPersistentState<UserState> storage)
    : EntityGrain<UserState>(storage), IUserGrain
{
    protected override string Kind => IndexKinds.User;

    public async Task<UserView> InitializeAsync(Guid customerId, CreateUser command, Actor actor)
    {
        RequireNew();
        Store.State = new UserState
        {
            CustomerId = customerId,
            Email = Emails.Require(command.Email),
            Name = Names.Require(command.Name),
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Created, actor, null, View());
        await SaveAsync();
        return View();
    }

    public Task<UserView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task SetManagesUnitAsync(Guid unitId, bool manages)
    {
        RequireExists();
        var changed = manages ? AddOnce(State.ManagedUnitIds, unitId) : State.ManagedUnitIds.Remove(unitId);
        if (changed)
        {
            await SaveAsync();
        }
    }

    private static bool AddOnce(List<Guid> list, Guid id)
    {
        if (list.Contains(id))
        {
            return false;
        }

        list.Add(id);
        return true;
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.CustomerId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private UserView View() => new(Id, State.CustomerId, State.Email, State.Name, State.ManagedUnitIds.ToArray(), State.CreatedAt);
}
