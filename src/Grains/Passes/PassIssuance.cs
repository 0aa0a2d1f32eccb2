using Vrps.Interfaces;
using Vrps.Interfaces.Money;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;

namespace Vrps.Grains.Passes;

/// <summary>
/// What issuing a pass writes (R9, R10): its first state with the active terms locked on, the one deadline it starts
/// with, and its rows in the grain index. The lot's occupancy, which decides the last place of a claim, writes all of
/// it in one commit; the pass grain keeps the rows current through the pass's life (<see cref="IndexRows"/>).
/// </summary>
public static class PassIssuance
{
    /// <summary>The pass's storage state name (its <c>[PersistentState]</c>).</summary>
    public const string StateName = "pass";

    public const string ExpiringSoonReminder = "expiring-soon";

    public const string ExpireReminder = "expire";

    /// <summary>The pass as issued at <paramref name="now"/>: expiring soon already when its end is within the notice lead.</summary>
    public static PassState NewState(IssuePass command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new PassState
        {
            CustomerId = command.CustomerId,
            PropertyId = command.PropertyId,
            LotId = command.LotId,
            UnitId = command.UnitId,
            OfferId = command.OfferId,
            PassTypeId = command.PassTypeId,
            TermsVersion = command.TermsVersion,
            Terms = command.Terms,
            ConsumerId = command.ConsumerId,
            Plate = command.Plate,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            AmountCents = command.AmountCents,
            Status = command.EndsAt - now <= command.ExpiringSoonLead ? PassStatuses.ExpiringSoon : PassStatuses.Active,
            CreatedAt = now,
        };
    }

    /// <summary>One deadline at a time: the expiring-soon notice first (it arms the expiry when it fires), or the expiry when the notice is already due.</summary>
    public static (string Name, DateTimeOffset DueAt) FirstDeadline(PassState state, TimeSpan expiringSoonLead)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == PassStatuses.Active
            ? (ExpiringSoonReminder, state.EndsAt - expiringSoonLead)
            : (ExpireReminder, state.EndsAt);
    }

    public static PassView View(Guid id, PassState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(
            id, state.OfferId, state.CustomerId, state.PropertyId, state.LotId, state.UnitId, state.PassTypeId, state.TermsVersion, state.Terms!,
            state.ConsumerId, state.Plate, state.Status, state.StartsAt, state.EndsAt, state.EndedAt, state.AmountCents, state.CreatedAt);
    }

    /// <summary>
    /// The pass's row in the grain index, written with every change: listed under its lot and its company. A
    /// consumer's passes are the same rows found by their <c>consumerId</c> (an expression index, see the index's
    /// migration 0002), so a pass costs one index row, not one per list it appears in.
    /// </summary>
    public static IndexEntry IndexRow(PassView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new IndexEntry(IndexKinds.Pass, view.Id.ToString("D"), view.LotId.ToString("D"), view.CustomerId.ToString("D"), view.Plate, view.IssuedAt, null, view);
    }

    /// <summary>The item field a consumer's passes are found by (the <c>consumerId</c> of <see cref="PassView"/>).</summary>
    public const string ConsumerField = "consumerId";

    /// <summary>The settled payment of a paid pass, listed with the company's transactions; none for a free pass.</summary>
    public static IndexEntry? Payment(PassView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.AmountCents <= 0)
        {
            return null;
        }

        var customer = view.CustomerId.ToString("D");
        return new IndexEntry(MoneyIndexKinds.Transaction, view.Id.ToString("D"), customer, customer, null, view.IssuedAt, null,
            new TransactionRecord(view.Id, view.Id, view.CustomerId, view.PropertyId, view.LotId, view.AmountCents, TransactionStatuses.Settled, null, view.IssuedAt));
    }
}
