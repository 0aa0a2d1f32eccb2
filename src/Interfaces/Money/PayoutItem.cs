namespace Vrps.Interfaces.Money;

[Immutable]
public sealed record PayoutItem(Guid TransactionId, Guid PassId, int AmountCents, Guid PropertyId, Guid LotId);
