using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Violations;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Violations;

/// <summary>
/// One scan of the patrol log. The grain asks the lot itself for the plate's status, so the recorded answer is the
/// lot's, not the caller's. Scans are written once and rarely read again, hence the short idle limit.
/// </summary>
[GrainType("scan")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ScanGrain([PersistentState("scan")] IPersistentState<ScanState> storage)
    : EntityGrain<ScanState>(storage), IScanGrain
{
    protected override string Kind => EnforcementIndexKinds.Scan;

    public async Task<ScanView> RecordAsync(RecordScan command, Actor actor)
    {
        if (Store.RecordExists)
        {
            return View();
        }

        var (latitude, longitude) = EnforcementRules.Coordinates(command.Latitude, command.Longitude);
        var lot = await GrainFactory.GetGrain<ILotGrain>(command.LotId).GetAsync();
        var lookup = await GrainFactory.GetGrain<ILotOccupancyGrain>(command.LotId).LookupAsync(command.Plate);
        Store.State = new ScanState
        {
            CustomerId = lot.CustomerId,
            PropertyId = lot.PropertyId,
            LotId = lot.Id,
            EnforcementCompanyId = command.EnforcementCompanyId,
            Plate = lookup.Plate,
            Latitude = latitude,
            Longitude = longitude,
            Lookup = lookup,
            ScannedBy = actor,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        await SaveAsync();
        return View();
    }

    public Task<ScanView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.LotId.ToString("D"), State.CustomerId.ToString("D"), State.Plate, State.CreatedAt, null, View());

    private ScanView View() => new(
        Id, State.LotId, State.PropertyId, State.CustomerId, State.EnforcementCompanyId, State.Plate, State.Latitude, State.Longitude,
        State.Lookup!, State.ScannedBy!, State.CreatedAt);
}
