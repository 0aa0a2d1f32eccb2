using Vrps.Interfaces.PassTypes;

namespace Vrps.Interfaces.Passes;

[Immutable]
public sealed record IssuePass(
    Guid OfferId,
    Guid CustomerId,
    Guid PropertyId,
    Guid LotId,
    Guid? UnitId,
    Guid PassTypeId,
    int TermsVersion,
    Terms Terms,
    Guid ConsumerId,
    string Plate,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int AmountCents,
    TimeSpan ExpiringSoonLead);
