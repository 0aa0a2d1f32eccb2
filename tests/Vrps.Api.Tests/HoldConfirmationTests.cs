using Microsoft.Extensions.DependencyInjection;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.Passes;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// A claim confirms its held places with one-way calls as soon as its pass is issued; if a confirmation is lost, the
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
    public async Task Confirm_ForAPlaceTheLotDoesNotHold_AuthorizesNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Ghost");
        var occupancy = Grains.GetGrain<ILotOccupancyGrain>(t.LotId);
        var before = await occupancy.GetAsync();

        await occupancy.ConfirmAsync(Issued(t, Guid.NewGuid(), "NOHOLD9"));
        var held = Guid.NewGuid();
        await occupancy.ReserveAsync(held, before.Capacity);
        await occupancy.ConfirmAsync(Issued(t, held, "REAL1"));

        await Eventually.HoldsAsync(async () => (await occupancy.LookupAsync("REAL1")).Authorized, "the held place's confirmation authorizes its plate");
        Assert.False((await occupancy.LookupAsync("NOHOLD9")).Authorized);
        var after = await occupancy.GetAsync();
        Assert.Equal(before.Active + 1, after.Active);
        Assert.Equal(before.Pending, after.Pending);
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

    private static PassLifecycle Issued(Tenant t, Guid passId, string plate)
    {
        var now = DateTimeOffset.UtcNow;
        return new PassLifecycle(
            new PassSummary(passId, plate, PassStatuses.Active, now, now.AddHours(4), null, null), t.LotId, null, t.OfferId, t.PassTypeId);
    }
}
