using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Enforcement;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Enforcement;

[GrainType("enforcement_company")]
public sealed class EnforcementCompanyGrain([PersistentState("company")] IPersistentState<EnforcementCompanyState> storage)
    : EntityGrain<EnforcementCompanyState>(storage), IEnforcementCompanyGrain
{
    protected override string Kind => IndexKinds.EnforcementCompany;

    public async Task<EnforcementCompanyView> CreateAsync(CreateEnforcementCompany command, Actor actor)
    {
        RequireNew();
        Store.State = new EnforcementCompanyState { Name = Names.Require(command.Name), CreatedAt = TimeProvider.GetUtcNow() };
        Audit(AuditActions.Created, actor, null, View());
        await SaveAsync();
        return View();
    }

    public Task<EnforcementCompanyView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<EnforcementCompanyView> GrantPropertyAsync(EnforcementScope scope, Actor actor)
    {
        RequireExists();
        var before = View();
        State.Scopes.RemoveAll(s => s.PropertyId == scope.PropertyId);
        State.Scopes.Add(scope);
        Audit(AuditActions.ScopeGranted, actor, before, View(), scope.CustomerId);
        await SaveAsync();
        return View();
    }

    public async Task<EnforcementCompanyView> RevokePropertyAsync(Guid propertyId, Actor actor)
    {
        RequireExists();
        var scope = State.Scopes.Find(s => s.PropertyId == propertyId);
        if (scope is not null)
        {
            var before = View();
            State.Scopes.Remove(scope);
            Audit(AuditActions.ScopeRevoked, actor, before, View(), scope.CustomerId);
            await SaveAsync();
        }

        return View();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), null, null, State.Name, State.CreatedAt, State.DeletedAt, View());

    private EnforcementCompanyView View() => new(Id, State.Name, State.Scopes.ToArray(), State.CreatedAt);
}
