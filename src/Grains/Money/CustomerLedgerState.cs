namespace Vrps.Grains.Money;

/// <summary>Totals only: payouts and their items live in index rows, so the ledger's write stays small.</summary>
public sealed class CustomerLedgerState
{
    public int PayoutCount { get; set; }

    public long PaidOutCents { get; set; }

    public Guid? LastPayoutId { get; set; }

    public DateTimeOffset? LastPayoutAt { get; set; }
}
