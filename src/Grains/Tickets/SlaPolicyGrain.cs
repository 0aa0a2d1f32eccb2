using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Tickets;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Tickets;

/// <summary>A customer's SLA rules (T3). Tickets read them once at creation and on a priority change, never after.</summary>
[GrainType("sla_policy")]
public sealed class SlaPolicyGrain([PersistentState("sla_policy")] IPersistentState<SlaPolicyState> storage)
    : EntityGrain<SlaPolicyState>(storage), ISlaPolicyGrain
{
    protected override string Kind => IndexKinds.SlaPolicy;

    public Task<SlaPolicyView> GetAsync() => Task.FromResult(View());

    public async Task<SlaPolicyView> ReplaceAsync(Guid customerId, IReadOnlyList<SlaRule> rules, Actor actor)
    {
        var valid = SlaRules.Validate(rules);
        var before = Store.RecordExists ? View() : null;
        if (!Store.RecordExists)
        {
            Store.State = new SlaPolicyState { CustomerId = customerId, CreatedAt = TimeProvider.GetUtcNow() };
        }

        State.Rules = [.. valid];
        State.UpdatedAt = TimeProvider.GetUtcNow();
        Audit(AuditActions.Updated, actor, before, View());
        await SaveAsync();
        return View();
    }

    public Task<SlaRule> MatchAsync(string category, string priority) => Task.FromResult(SlaRules.Match(State.Rules, category, priority));

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.CustomerId.ToString("D"), State.CustomerId.ToString("D"), null, State.CreatedAt, null, View());

    private SlaPolicyView View() => new(Id, Store.RecordExists ? State.CustomerId : Id, State.Rules.ToArray(), State.UpdatedAt);
}
