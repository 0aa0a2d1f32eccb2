using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Violations;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Violations;

/// <summary>
/// One violation a patrol logged. The plate's lookup is taken by the grain at recording time, so a dispute can show
/// what the lot knew then; the audit record and the tenant event commit with it.
/// </summary>
[GrainType("violation")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ViolationGrain([PersistentState("violation")] IPersistentState<ViolationState> storage)
    : EntityGrain<ViolationState>(storage), IViolationGrain
{
    protected override string Kind => EnforcementIndexKinds.Violation;

    public async Task<ViolationView> RecordAsync(RecordViolation command, Actor actor)
    {
        if (Store.RecordExists)
        {
            return View();
        }

        var reason = EnforcementRules.Reason(command.Reason);
        var notes = EnforcementRules.Notes(command.Notes);
        var photos = EnforcementRules.PhotoUrls(command.PhotoUrls);
        var sticker = EnforcementRules.StickerNumber(command.StickerNumber);
        var lot = await GrainFactory.GetGrain<ILotGrain>(command.LotId).GetAsync();
        var lookup = await GrainFactory.GetGrain<ILotOccupancyGrain>(command.LotId).LookupAsync(command.Plate);
        Store.State = new ViolationState
        {
            CustomerId = lot.CustomerId,
            PropertyId = lot.PropertyId,
            LotId = lot.Id,
            EnforcementCompanyId = command.EnforcementCompanyId,
            Plate = lookup.Plate,
            Reason = reason,
            Notes = notes,
            PhotoUrls = [.. photos],
            StickerNumber = sticker,
            Lookup = lookup,
            RecordedBy = actor,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Recorded, actor, null, View());
        Publish(EventTypes.ViolationRecorded, View());
        await SaveAsync();
        return View();
    }

    public Task<ViolationView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.LotId.ToString("D"), State.CustomerId.ToString("D"), State.Plate, State.CreatedAt, null, View());

    private ViolationView View() => new(
        Id, State.LotId, State.PropertyId, State.CustomerId, State.EnforcementCompanyId, State.Plate, State.Reason, State.Notes,
        State.PhotoUrls.ToArray(), State.StickerNumber, State.Lookup!, State.RecordedBy!, State.CreatedAt);
}
