using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.PassTypes;
using Vrps.Postgres.Index;

namespace Vrps.Grains.PassTypes;

/// <summary>A lot's named product (R7) with versioned terms: versions are only ever appended, so a pass keeps its own.</summary>
[GrainType("pass_type")]
public sealed class PassTypeGrain([PersistentState("pass_type")] IPersistentState<PassTypeState> storage)
    : EntityGrain<PassTypeState>(storage), IPassTypeGrain
{
    protected override string Kind => IndexKinds.PassType;

    public async Task<PassTypeView> InitializeAsync(Guid customerId, Guid propertyId, Guid lotId, CreatePassType command, Actor actor)
    {
        RequireNew();
        var description = command.Description?.Trim();
        if (description is { Length: > 2000 })
        {
            throw DomainException.Validation("description", "description must be at most 2000 characters.");
        }

        var now = TimeProvider.GetUtcNow();
        Store.State = new PassTypeState
        {
            CustomerId = customerId,
            PropertyId = propertyId,
            LotId = lotId,
            Name = Names.Require(command.Name),
            Description = description,
            Versions = [new TermsVersion(1, TermsRules.Validate(command.Terms), now)],
            CreatedAt = now,
        };
        Audit(AuditActions.Created, actor, null, View());
        await SaveAsync();
        return View();
    }

    public Task<PassTypeView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<PassTypeView> SetTermsAsync(Terms terms, Actor actor)
    {
        RequireExists();
        var before = View();
        var validated = TermsRules.Validate(terms);
        State.Versions.Add(new TermsVersion(State.Versions.Count + 1, validated, TimeProvider.GetUtcNow()));
        Audit(AuditActions.TermsChanged, actor, before.ActiveTerms, validated);
        await SaveAsync();
        return View();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.LotId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private PassTypeView View()
    {
        var active = State.Versions[^1];
        return new PassTypeView(
            Id, State.LotId, State.PropertyId, State.CustomerId, State.Name, State.Description, active.Version, active.Terms, State.Versions.ToArray(), State.CreatedAt);
    }
}
