namespace Vrps.Interfaces.Money;

public sealed record PayoutItem(Guid TransactionId, Guid PassId, int AmountCents, Guid PropertyId, Guid LotId);
