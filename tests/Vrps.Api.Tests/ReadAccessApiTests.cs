using System.Net;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: routes that only read need read access; the writes beside them still need write access.</summary>
public sealed class ReadAccessApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("readaccess"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task ListOffers_ManagerOfAUnitGrantedTheLot_Is200()
    {
        var t = await Tenant.CreateAsync(silo, "Offers");
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);

        var offers = await manager.GetOkAsync($"/api/lots/{t.LotId}/offers");

        Assert.Contains(offers.GetProperty("items").EnumerateArray(), o => o.Id() == t.OfferId);
    }

    [Fact]
    public async Task RevokeOffer_ManagerOnALotWideOffer_StaysForbidden()
    {
        var t = await Tenant.CreateAsync(silo, "Revoke");
        var lotWide = (await Admin.PostOkAsync($"/api/lots/{t.LotId}/offers", new { kind = "claim_code", passTypeId = t.PassTypeId })).Id();
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);

        await ProblemAssert.IsProblemAsync(await manager.PostAsync($"/api/offers/{lotWide}/revoke", null), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ReadReservations_ManagerOfAUnitInTheProperty_Is200()
    {
        var t = await Tenant.CreateAsync(silo, "Guests");
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);

        var list = await manager.GetOkAsync($"/api/properties/{t.PropertyId}/reservations");
        var one = await manager.GetOkAsync($"/api/reservations/{t.ReservationId}");
        var journey = await manager.GetOkAsync($"/api/reservations/{t.ReservationId}/journey");
        await manager.GetOkAsync($"/api/properties/{t.PropertyId}/touchpoint-schedule");

        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.Id() == t.ReservationId);
        Assert.Equal(t.ReservationId, one.Id());
        Assert.True(journey.TryGetProperty("stage", out _), journey.GetRawText());
    }

    [Fact]
    public async Task ReadReservations_PatrolCompanyScopedToTheProperty_IsRefused()
    {
        // Read access to a property lets a patrol company check plates there, not read its guests' names and contacts.
        var t = await Tenant.CreateAsync(silo, "Patrol");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        await ProblemAssert.IsProblemAsync(await patrol.GetAsync($"/api/properties/{t.PropertyId}/reservations"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await patrol.GetAsync($"/api/reservations/{t.ReservationId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await patrol.GetAsync($"/api/reservations/{t.ReservationId}/journey"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await patrol.GetAsync($"/api/properties/{t.PropertyId}/touchpoint-schedule"), HttpStatusCode.Forbidden, "forbidden");
        await patrol.GetOkAsync($"/api/properties/{t.PropertyId}");
    }

    [Fact]
    public async Task WriteReservations_ManagerOfAUnitInTheProperty_StaysForbidden()
    {
        var t = await Tenant.CreateAsync(silo, "NoWrite");
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);
        var checkIn = DateTimeOffset.UtcNow.AddDays(30);

        await ProblemAssert.IsProblemAsync(
            await manager.PostAsync($"/api/properties/{t.PropertyId}/reservations", Json(new { guestName = "G", checkIn, checkOut = checkIn.AddDays(1), channel = "direct" })),
            HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await manager.PostAsync($"/api/reservations/{t.ReservationId}/cancel", null), HttpStatusCode.Forbidden, "forbidden");
    }

    private static System.Net.Http.Json.JsonContent Json(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
