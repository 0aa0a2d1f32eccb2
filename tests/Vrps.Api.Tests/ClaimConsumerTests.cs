using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Grains.Rules;
using Vrps.Interfaces.Consumers;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Whom a claim's pass belongs to (R12). A new person's identity is bound and their record written side by side, so
/// concurrent first claims with one new phone must still end with one person holding every pass and every plate, and a
/// record written for a binding that went to someone else must not stay behind.
/// </summary>
public sealed class ClaimConsumerTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private IGrainFactory Grains => silo.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("claim_consumers"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task FirstClaims_SentAtOnceWithOneNewPhone_AllGoToOnePersonWithEveryPlate()
    {
        var lot = await PublicLot.CreateAsync(silo.Client, "Race");
        using var anonymous = silo.CreateClient(null);
        var plates = Enumerable.Range(1, 8).Select(i => $"RACE{i}").ToArray();

        var responses = await Task.WhenAll(plates.Select(plate =>
            anonymous.PostAsJsonAsync("/api/claims", new { offerId = lot.OfferId, lotId = lot.LotId, phone = "+1 555 010 7788", plate })));

        var consumers = new HashSet<Guid>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                consumers.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("consumerId").GetGuid());
            }
        }

        var owner = Assert.Single(consumers);
        var person = await silo.Client.GetOkAsync($"/api/consumers/{owner}");
        Assert.Equal(plates, person.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("plate").GetString()).Order().ToArray());
        var identity = Assert.Single(person.GetProperty("identities").EnumerateArray());
        Assert.Equal("+15550107788", identity.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Discard_OfARecordWhoseIdentityWentToSomeoneElse_LeavesNoRecord()
    {
        var identity = new ConsumerIdentity(ConsumerIdentityRules.Phone, "+15550107799", Verified: false, Preferred: true);
        var (owner, stray) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(owner, await Grains.GetGrain<IConsumerIdentityGrain>(ConsumerIdentityRules.KeyOf(identity)).BindAsync(owner));
        await Grains.GetGrain<IConsumerGrain>(owner).EnsureWithVehicleAsync(identity, "OWN1");
        await Grains.GetGrain<IConsumerGrain>(stray).EnsureWithVehicleAsync(identity, "STRAY1");

        await Grains.GetGrain<IConsumerGrain>(stray).DiscardIfUnboundAsync();
        await Grains.GetGrain<IConsumerGrain>(owner).DiscardIfUnboundAsync();

        using var gone = await silo.Client.GetAsync($"/api/consumers/{stray}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var kept = await silo.Client.GetOkAsync($"/api/consumers/{owner}");
        Assert.Equal("OWN1", Assert.Single(kept.GetProperty("vehicles").EnumerateArray()).GetProperty("plate").GetString());
    }
}
