using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Reservations;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Reservations;

/// <summary>A property's touchpoint schedule; the grain key is the property id.</summary>
[GrainType("touchpoint_schedule")]
public sealed class TouchpointScheduleGrain([PersistentState("touchpoint_schedule")] IPersistentState<TouchpointScheduleState> storage)
    : EntityGrain<TouchpointScheduleState>(storage), ITouchpointScheduleGrain
{
    protected override string Kind => IndexKinds.TouchpointSchedule;

    public Task<TouchpointScheduleView> GetAsync(Guid customerId) =>
        Task.FromResult(Store.RecordExists ? View() : new TouchpointScheduleView(Id, customerId, Id, [], null));

    public async Task<TouchpointScheduleView> SetAsync(Guid customerId, IReadOnlyList<TouchpointRule> touchpoints, Actor actor)
    {
        var validated = TouchpointRules.Validate(touchpoints);
        var before = Store.RecordExists ? View() : null;
        var now = TimeProvider.GetUtcNow();
        if (!Store.RecordExists)
        {
            State.CreatedAt = now;
        }

        State.CustomerId = customerId;
        State.Touchpoints = [.. validated];
        State.UpdatedAt = now;
        Audit(AuditActions.Updated, actor, before, View());
        await SaveAsync();
        return View();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), Id.ToString("D"), State.CustomerId.ToString("D"), null, State.CreatedAt, null, View());

    private TouchpointScheduleView View() => new(Id, State.CustomerId, Id, State.Touchpoints.ToArray(), State.UpdatedAt);
}
