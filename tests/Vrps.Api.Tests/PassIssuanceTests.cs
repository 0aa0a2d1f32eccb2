using System.Text.Json;
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
    public void IndexRow_OneRowUnderTheLot_ForTheCompany_CarryingTheConsumerItIsFoundBy()
    {
        var view = PassIssuance.View(Guid.NewGuid(), PassIssuance.NewState(Command(TimeSpan.FromHours(4), Guid.NewGuid()), Now));

        var row = PassIssuance.IndexRow(view);

        Assert.Equal((IndexKinds.Pass, view.Id.ToString("D"), view.LotId.ToString("D"), view.CustomerId.ToString("D")), (row.Kind, row.Id, row.ParentId, row.TenantId));
        var item = JsonSerializer.SerializeToElement(row.Data, VrpsJson.Options);
        Assert.Equal(view.ConsumerId.ToString("D"), item.GetProperty(PassIssuance.ConsumerField).GetString());
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
