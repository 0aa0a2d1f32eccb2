namespace Vrps.Interfaces.Money;

/// <summary>A payout to a customer: the sum of the transactions it settles. No processor is called; the record is the payout.</summary>
[Immutable]
public sealed record PayoutView(Guid Id, Guid CustomerId, long TotalCents, int ItemCount, IReadOnlyList<PayoutItem> Items, DateTimeOffset CreatedAt);
