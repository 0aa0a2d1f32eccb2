using Vrps.Interfaces.PassTypes;

namespace Vrps.Interfaces.Passes;

/// <param name="Terms">The terms locked onto the pass when it was issued (R9); later rate changes never touch them.</param>
[Immutable]
public sealed record PassView(
    Guid Id,
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
    string Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? EndedAt,
    int AmountCents,
    DateTimeOffset IssuedAt);
