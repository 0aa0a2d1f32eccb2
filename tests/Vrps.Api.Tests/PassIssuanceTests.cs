using Vrps.Grains.Passes;
using Vrps.Interfaces;
using Vrps.Interfaces.Money;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.PassTypes;

namespace Vrps.Api.Tests;

/// <summary>R9, R10: what issuing a pass writes, the one rule the lot follows when it issues and the pass grain follows after.</summary>
public sealed class PassIssuanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(30);

    private static IssuePass Command(TimeSpan length, Guid? unitId = null, int amountCents = 0) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), unitId, Guid.NewGuid(), 3,
        new Terms("flat", amountCents, new DurationRule("hours", 4), null, null), Guid.NewGuid(), "ABC123", Now, Now + length, amountCents, Lead);

    [Fact]
    public void NewState_LocksTheTerms_AndStartsActive_WithTheNoticeAsItsDeadline()
    {
        var command = Command(TimeSpan.FromHours(4));

        var state = PassIssuance.NewState(command, Now);

        Assert.Equal((PassStatuses.Active, 3, command.Terms, Now), (state.Status, state.TermsVersion, state.Terms, state.CreatedAt));
        Assert.Equal((PassIssuance.ExpiringSoonReminder, Now + TimeSpan.FromHours(4) - Lead), PassIssuance.FirstDeadline(state, Lead));
    }

    [Fact]
    public void NewState_EndingWithinTheLead_StartsExpiringSoon_WithTheExpiryAsItsDeadline()
    {
        var state = PassIssuance.NewState(Command(TimeSpan.FromMinutes(20)), Now);

        Assert.Equal(PassStatuses.ExpiringSoon, state.Status);
        Assert.Equal((PassIssuance.ExpireReminder, Now + TimeSpan.FromMinutes(20)), PassIssuance.FirstDeadline(state, Lead));
    }

    [Fact]
    public void IndexRows_ListThePassUnderItsLot_ItsUnit_AndItsConsumer()
    {
        var unitId = Guid.NewGuid();
        var view = PassIssuance.View(Guid.NewGuid(), PassIssuance.NewState(Command(TimeSpan.FromHours(4), unitId), Now));

        var rows = PassIssuance.IndexRows(view).ToList();

        Assert.Equal(
            [(IndexKinds.Pass, view.LotId.ToString("D")), (IndexKinds.UnitPass, unitId.ToString("D")), (IndexKinds.ConsumerPass, view.ConsumerId.ToString("D"))],
            rows.Select(static r => (r.Kind, r.ParentId)).ToList());
        Assert.All(rows, r => Assert.Equal(view.Id.ToString("D"), r.Id));
        Assert.Equal(2, PassIssuance.IndexRows(view with { UnitId = null }).Count());
    }

    [Fact]
    public void Payment_OnlyForAPaidPass_SettledForItsCompany()
    {
        var free = PassIssuance.View(Guid.NewGuid(), PassIssuance.NewState(Command(TimeSpan.FromHours(4)), Now));
        var paid = PassIssuance.View(Guid.NewGuid(), PassIssuance.NewState(Command(TimeSpan.FromHours(4), amountCents: 300), Now));

        Assert.Null(PassIssuance.Payment(free));
        var payment = PassIssuance.Payment(paid)!;
        Assert.Equal((MoneyIndexKinds.Transaction, paid.CustomerId.ToString("D"), paid.CustomerId.ToString("D")), (payment.Kind, payment.ParentId, payment.TenantId));
    }
}
