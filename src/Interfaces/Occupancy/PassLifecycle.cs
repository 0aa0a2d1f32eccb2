using Vrps.Interfaces.Passes;

namespace Vrps.Interfaces.Occupancy;

/// <summary>
/// What a pass tells its lot and unit (streams "lot-passes" and "unit-passes", keyed by their ids) when its status
/// changes after issuance, mostly that it ended and gives the place back; and what a claim confirms to the offer, lot
/// and unit that held a place for it.
/// </summary>
[Immutable]
public sealed record PassLifecycle(PassSummary Pass, Guid LotId, Guid? UnitId, Guid OfferId, Guid PassTypeId)
{
    public const string LotNamespace = "lot-passes";
    public const string UnitNamespace = "unit-passes";
    public const string Changed = "pass.changed";

    /// <summary>The change a pass in this state tells its holders.</summary>
    public static PassLifecycle Of(PassView pass) => new(
        new PassSummary(pass.Id, pass.Plate, pass.Status, pass.StartsAt, pass.EndsAt, pass.EndedAt, pass.UnitId), pass.LotId, pass.UnitId, pass.OfferId, pass.PassTypeId);
}
