using Microsoft.Extensions.DependencyInjection;
using Vrps.Interfaces;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.PassTypes;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.Passes;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// The lot decides a claim's last place and writes the pass in the same commit: once per pass id, never for an id a
/// lapsed hold voided first, never past capacity. A claim confirms the places the offer and the unit held with one-way
/// calls as soon as its pass is issued; if a confirmation is lost, the
/// hold's lapse asks the pass grain and does the same work. The holders must apply a confirmation once, and only for a
/// place they still hold: a confirmation that arrives late (after the pass's own events, or for a place never held)
/// must not authorize a plate or count a pass. One-way calls from one caller reach an activation in the order sent, so a later call's visible effect shows
/// that the earlier confirmation was applied (or ignored).
/// </summary>
public sealed class HoldConfirmationTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private IGrainFactory Grains => silo.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("hold_confirmations"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Claim_IsCountedInTheLotsOfferList_WithoutAnotherWriteOfTheOffer()
    {
        // The tenant's claim-code offer had one claim and nothing after it: its confirmation is written on its own,
        // so the list (read from the stored rows, not from the grain) shows it.
        var t = await Tenant.CreateAsync(silo, "Listed");

        await Eventually.HoldsAsync(
            async () => (await silo.Client.GetOkAsync($"/api/lots/{t.LotId}/offers")).GetProperty("items").EnumerateArray()
                .Any(o => o.Id() == t.OfferId && o.GetProperty("claimedCount").GetInt32() == 1 && o.GetProperty("pendingCount").GetInt32() == 0),
            "the offer list counts the claim");
    }

    [Fact]
    public async Task LotIssue_OfOnePassTwice_IssuesItOnce_AndThePassGrainReadsWhatTheLotWrote()
    {
        var t = await Tenant.CreateAsync(silo, "Lotonce");
        var occupancy = Grains.GetGrain<ILotOccupancyGrain>(t.LotId);
        var before = await occupancy.GetAsync();
        var passId = Guid.NewGuid();

        // Sent together: the second call finds the first still being written and answers with the same commit.
        var (first, second) = (occupancy.IssueAsync(passId, Command(t, "LOTONE1"), before.Capacity), occupancy.IssueAsync(passId, Command(t, "LOTONE1"), before.Capacity));
        var issued = await first;
        Assert.Equal(passId, issued.Id);
        Assert.Equal(issued, await second);
        // Once committed, a repeat is answered from the stored pass.
        var again = await occupancy.IssueAsync(passId, Command(t, "LOTONE1"), before.Capacity);
        Assert.Equal((issued.Id, issued.Plate, issued.Status, issued.EndsAt), (again.Id, again.Plate, again.Status, again.EndsAt));

        var after = await occupancy.GetAsync();
        Assert.Equal(before.Active + 1, after.Active);
        Assert.Equal(before.Pending, after.Pending);
        Assert.True((await occupancy.LookupAsync("LOTONE1")).Authorized);
        var stored = await silo.Client.GetOkAsync($"/api/passes/{passId}");
        Assert.Equal("LOTONE1", stored.GetProperty("plate").GetString());
        Assert.Equal(PassStatuses.Active, stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task LotIssue_OfAPassVoidedByALapsedHold_RefusesWithClaimExpired_AndCountsNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Voided");
        var occupancy = Grains.GetGrain<ILotOccupancyGrain>(t.LotId);
        var before = await occupancy.GetAsync();
        var passId = Guid.NewGuid();
        Assert.False(await Grains.GetGrain<IPassGrain>(passId).ResolveAsync());

        var refusal = await Assert.ThrowsAsync<DomainException>(() => occupancy.IssueAsync(passId, Command(t, "LAPSED9"), before.Capacity));

        Assert.Equal("claim_expired", refusal.Code);
        var after = await occupancy.GetAsync();
        Assert.Equal((before.Active, before.Pending), (after.Active, after.Pending));
        Assert.False((await occupancy.LookupAsync("LAPSED9")).Authorized);
        Assert.Null(await Grains.GetGrain<IPassGrain>(passId).FindAsync());
    }

    [Fact]
    public async Task LotIssue_WhenEveryPlaceIsTaken_RefusesWithLotFull()
    {
        var t = await Tenant.CreateAsync(silo, "Full");
        var occupancy = Grains.GetGrain<ILotOccupancyGrain>(t.LotId);
        var before = await occupancy.GetAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => occupancy.IssueAsync(Guid.NewGuid(), Command(t, "NOPLACE9"), before.Active));

        Assert.Equal("lot_full", refusal.Code);
        Assert.False((await occupancy.LookupAsync("NOPLACE9")).Authorized);
        Assert.Equal(before.Active, (await occupancy.GetAsync()).Active);
    }

    [Fact]
    public async Task Confirm_SentTwice_CountsThePassOnce()
    {
        var t = await Tenant.CreateAsync(silo, "Twice");
        var created = await silo.Client.PostOkAsync($"/api/lots/{t.LotId}/offers", new { kind = "group", passTypeId = t.PassTypeId, capacity = 5 });
        var offer = Grains.GetGrain<IOfferGrain>(created.Id());
        var authorization = new ClaimAuthorization(OfferKinds.Group, created.GetProperty("shareToken").GetString());
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await offer.ReserveAsync(first, authorization);
        await offer.ReserveAsync(second, authorization);

        await offer.ConfirmAsync(Issued(t, first, "TWICE1"));
        await offer.ConfirmAsync(Issued(t, first, "TWICE1"));
        await offer.ConfirmAsync(Issued(t, second, "TWICE2"));

        await Eventually.HoldsAsync(async () => (await offer.GetAsync()).PendingCount == 0, "both holds are confirmed");
        Assert.Equal(2, (await offer.GetAsync()).ClaimedCount);
    }

    private static IssuePass Command(Tenant t, string plate)
    {
        var now = DateTimeOffset.UtcNow;
        return new IssuePass(
            t.OfferId, t.CustomerId, t.PropertyId, t.LotId, null, t.PassTypeId, 1, new Terms("free", 0, new DurationRule("hours", 4), null, null),
            t.ConsumerId, plate, now, now.AddHours(4), 0, TimeSpan.FromMinutes(30));
    }

    private static PassLifecycle Issued(Tenant t, Guid passId, string plate)
    {
        var now = DateTimeOffset.UtcNow;
        return new PassLifecycle(
            new PassSummary(passId, plate, PassStatuses.Active, now, now.AddHours(4), null, null), t.LotId, null, t.OfferId, t.PassTypeId);
    }
}
