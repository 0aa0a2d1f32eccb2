namespace Vrps.Grains.Passes;

/// <summary>A charge for one pass (R15), customer, property and lot denormalized for reporting. No processor is called.</summary>
public sealed record TransactionRecord(
    Guid Id,
    Guid PassId,
    Guid CustomerId,
    Guid PropertyId,
    Guid LotId,
    int AmountCents,
    string Status,
    Guid? PayoutId,
    DateTimeOffset CreatedAt);
