namespace Vrps.Interfaces.Money;

/// <summary>A charge for one pass as lists show it (R15); customer, property and lot denormalized for reporting.</summary>
/// <param name="Status">settled, or paid_out once a payout includes it.</param>
/// <param name="PayoutId">The payout that included it, if any.</param>
[Immutable]
public sealed record TransactionView(
    Guid Id,
    Guid PassId,
    Guid CustomerId,
    Guid PropertyId,
    Guid LotId,
    int AmountCents,
    string Status,
    Guid? PayoutId,
    DateTimeOffset CreatedAt);
