namespace Vrps.Interfaces.Occupancy;

/// <summary>
/// What a pass tells its lot, unit and offer (streams "lot-passes", "unit-passes", "offer-passes", keyed by their ids):
/// that it holds a place now, or that it ended and gives the place back.
/// </summary>
[Immutable]
public sealed record PassLifecycle(PassSummary Pass, Guid LotId, Guid? UnitId, Guid OfferId, Guid PassTypeId)
{
    public const string LotNamespace = "lot-passes";
    public const string UnitNamespace = "unit-passes";
    public const string OfferNamespace = "offer-passes";
    public const string Changed = "pass.changed";
}
