using Vrps.Grains.Common;
using System.Text.Json;
using Vrps.Grains.Passes;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Money;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Money;

/// <summary>
/// A customer's payouts (R15). Payouts of one customer run one at a time on this activation, and each commits the
/// payout row, every included transaction marked paid_out and the ledger's totals in one transaction: the next payout
/// reads them already marked, and a crash leaves either all of it or none.
/// </summary>
[GrainType("customer_ledger")]
public sealed class CustomerLedgerGrain(GrainIndex index, [PersistentState("ledger")] IPersistentState<CustomerLedgerState> state)
    : VrpsGrain, ICustomerLedgerGrain
{
    private Guid CustomerId => this.GetPrimaryKey();

    public async Task<PayoutView> PayOutAsync(Actor actor)
    {
        var due = await SettledAsync();
        if (due.Count == 0)
        {
            throw new DomainException("nothing_to_pay_out", "The customer has no settled transaction that was not paid out yet.", DomainErrorKind.Refused);
        }

        var payoutId = Guid.NewGuid();
        var now = TimeProvider.GetUtcNow();
        var items = due.Select(static t => new PayoutItem(t.Id, t.PassId, t.AmountCents, t.PropertyId, t.LotId)).ToArray();
        var payout = new PayoutView(payoutId, CustomerId, items.Sum(static i => (long)i.AmountCents), items.Length, items, now);
        var customer = CustomerId.ToString("D");
        SetIndex(new IndexEntry(MoneyIndexKinds.Payout, payoutId.ToString("D"), customer, customer, null, now, null, payout));
        foreach (var transaction in due)
        {
            SetIndex(new IndexEntry(
                MoneyIndexKinds.Transaction, transaction.Id.ToString("D"), customer, customer, null, transaction.CreatedAt, null,
                transaction with { Status = TransactionStatuses.PaidOut, PayoutId = payoutId }));
        }

        RaiseEvent(
            AuditRecord.Namespace, payoutId,
            AuditRecord.EventType(MoneyIndexKinds.Payout, AuditActions.Created),
            new AuditRecord(payoutId, MoneyIndexKinds.Payout, CustomerId, AuditActions.Created, actor, null, payout, now));
        state.State.PayoutCount++;
        state.State.PaidOutCents += payout.TotalCents;
        state.State.LastPayoutId = payoutId;
        state.State.LastPayoutAt = now;
        await state.WriteStateAsync();
        return payout;
    }

    /// <summary>The customer's settled transactions not yet paid out, read a page at a time so each query stays bounded.</summary>
    private async Task<List<TransactionRecord>> SettledAsync()
    {
        var due = new List<TransactionRecord>();
        string? cursor = null;
        do
        {
            var page = await index.ListAsync(MoneyIndexKinds.Transaction, CustomerId.ToString("D"), null, cursor, GrainIndex.MaxPageSize);
            foreach (var row in page.Items)
            {
                var transaction = row.Deserialize<TransactionRecord>(VrpsJson.Options)!;
                if (transaction.Status == TransactionStatuses.Settled && transaction.PayoutId is null && transaction.CustomerId == CustomerId)
                {
                    due.Add(transaction);
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return due;
    }
}
