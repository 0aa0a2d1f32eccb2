using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Consumers (R12): identities bound once across the platform, vehicles with one default, and their own passes.</summary>
public sealed class ConsumerApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("consumers"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task CreateConsumer_OperatorWithPhoneAndEmail_BindsBothNormalized()
    {
        var t = await Tenant.CreateAsync(silo, "Create");
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);

        using var response = await operatorClient.PostAsJsonAsync("/api/consumers", new { name = "Ann Driver", phone = "+1 (555) 300-0001", email = "Ann@Example.com" });
        var consumer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/consumers/{consumer.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Ann Driver", consumer.GetProperty("name").GetString());
        var identities = consumer.GetProperty("identities").EnumerateArray().ToList();
        Assert.Equal(["phone:+15553000001", "email:ann@example.com"], identities.Select(static i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("value").GetString()}"));
        Assert.Equal([true, false], identities.Select(static i => i.GetProperty("preferred").GetBoolean()));
    }

    [Fact]
    public async Task CreateConsumer_PhoneBound_ClaimsWithThatPhoneBelongToTheConsumer()
    {
        var t = await Tenant.CreateAsync(silo, "Bound");
        var consumer = await Admin.PostOkAsync("/api/consumers", new { phone = "+15553000002" });

        var pass = await ClaimAsync(t.LotId, "+1 555 300 0002", "BD-1");

        Assert.Equal(consumer.Id(), pass.GetProperty("consumerId").GetGuid());
    }

    [Fact]
    public async Task CreateConsumer_PhoneOfAnotherConsumer_AnswersIdentityTaken()
    {
        await Admin.PostOkAsync("/api/consumers", new { phone = "+15553000003" });

        using var response = await Admin.PostAsJsonAsync("/api/consumers", new { name = "Copycat", phone = "+1-555-300-0003" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "identity_taken");
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Enforcement)]
    [InlineData(Roles.Consumer)]
    public async Task CreateConsumer_KeysOtherThanAdminsAndOperators_AnswerForbidden(string role)
    {
        var t = await Tenant.CreateAsync(silo, "Refuse");
        using var client = silo.CreateClient(t.Keys[role]);

        using var response = await client.PostAsJsonAsync("/api/consumers", new { name = "Nobody" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateConsumer_EmptyBody_AnswersValidationFailed()
    {
        using var response = await Admin.PostAsJsonAsync("/api/consumers", new { });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task GetConsumer_OperatorWhoCreatedIt_AnswersNotFound()
    {
        var t = await Tenant.CreateAsync(silo, "Private");
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        var consumer = await operatorClient.PostOkAsync("/api/consumers", new { name = "Private Person" });

        using var response = await operatorClient.GetAsync($"/api/consumers/{consumer.Id()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GetConsumer_OwnKey_ReadsThemselves()
    {
        var t = await Tenant.CreateAsync(silo, "Self");
        using var self = silo.CreateClient(t.Keys[Roles.Consumer]);

        var consumer = await self.GetOkAsync($"/api/consumers/{t.ConsumerId}");

        Assert.Equal(t.ConsumerId, consumer.Id());
    }

    [Fact]
    public async Task AddVehicle_SecondMadeDefault_KeepsExactlyOneDefault()
    {
        var t = await Tenant.CreateAsync(silo, "Cars");
        using var self = silo.CreateClient(t.Keys[Roles.Consumer]);

        await self.PostOkAsync($"/api/consumers/{t.ConsumerId}/vehicles", new { plate = "car-1", description = "Blue hatchback" });
        await self.PostOkAsync($"/api/consumers/{t.ConsumerId}/vehicles", new { plate = "car 2", @default = true });
        var consumer = await self.PostOkAsync($"/api/consumers/{t.ConsumerId}/vehicles", new { plate = "CAR3" });

        var vehicles = consumer.GetProperty("vehicles").EnumerateArray().ToList();
        Assert.Equal(["CAR1", "CAR2", "CAR3"], vehicles.Select(static v => v.GetProperty("plate").GetString()));
        Assert.Equal([false, true, false], vehicles.Select(static v => v.GetProperty("isDefault").GetBoolean()));
        Assert.Equal("Blue hatchback", vehicles[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task AddVehicle_InvalidPlate_AnswersValidationFailed()
    {
        var t = await Tenant.CreateAsync(silo, "BadCar");
        using var self = silo.CreateClient(t.Keys[Roles.Consumer]);

        using var response = await self.PostAsJsonAsync($"/api/consumers/{t.ConsumerId}/vehicles", new { plate = "AB/12" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task AddIdentity_PreferredEmail_BecomesTheOnePreferred()
    {
        var consumer = await Admin.PostOkAsync("/api/consumers", new { phone = "+15553000004" });

        var updated = await Admin.PostOkAsync($"/api/consumers/{consumer.Id()}/identities", new { kind = "email", value = "Pref@Example.com", verified = true, preferred = true });

        var preferred = Assert.Single(updated.GetProperty("identities").EnumerateArray(), static i => i.GetProperty("preferred").GetBoolean());
        Assert.Equal("pref@example.com", preferred.GetProperty("value").GetString());
        Assert.True(preferred.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task AddIdentity_IdentityOfAnotherConsumer_AnswersIdentityTaken()
    {
        await Admin.PostOkAsync("/api/consumers", new { email = "taken@example.com" });
        var t = await Tenant.CreateAsync(silo, "Taken");
        using var self = silo.CreateClient(t.Keys[Roles.Consumer]);

        using var response = await self.PostAsJsonAsync($"/api/consumers/{t.ConsumerId}/identities", new { kind = "email", value = "TAKEN@example.com" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "identity_taken");
    }

    [Fact]
    public async Task AddIdentity_ConsumerMarksItVerified_AnswersForbidden()
    {
        var t = await Tenant.CreateAsync(silo, "Verify");
        using var self = silo.CreateClient(t.Keys[Roles.Consumer]);

        using var response = await self.PostAsJsonAsync($"/api/consumers/{t.ConsumerId}/identities", new { kind = "oauth", value = "google|123", verified = true });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ListPasses_OwnKey_SeesTheirPassesOnly()
    {
        var t = await Tenant.CreateAsync(silo, "Mine");
        var mine = await Admin.PostOkAsync("/api/consumers", new { name = "Mia", phone = "+15553000005" });
        var key = (await Admin.PostOkAsync("/api/api-keys", new { name = "mia", role = Roles.Consumer, consumerId = mine.Id() })).GetProperty("key").GetString();
        var pass = await ClaimAsync(t.LotId, "+15553000005", "MIA-1");
        await ClaimAsync(t.LotId, "+15553000006", "NOT-1");
        using var self = silo.CreateClient(key);

        var passes = await self.GetOkAsync($"/api/consumers/{mine.Id()}/passes");
        using var other = await self.GetAsync($"/api/consumers/{t.ConsumerId}/passes");

        var listed = Assert.Single(passes.GetProperty("items").EnumerateArray());
        Assert.Equal(pass.Id(), listed.Id());
        Assert.Equal("MIA1", listed.GetProperty("plate").GetString());
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.NotFound, "not_found");
    }

    private async Task<JsonElement> ClaimAsync(Guid lot, string phone, string plate)
    {
        var passType = (await Admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Visitor",
            description = "Two hours",
            terms = new { rateStructure = "flat", amountCents = 500, duration = new { kind = "hours", value = 2 } },
        })).Id();
        var offer = (await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = passType, capacity = 10 })).Id();
        using var anonymous = silo.CreateClient(null);
        return await anonymous.PostOkAsync("/api/claims", new { offerId = offer, lotId = lot, phone, plate });
    }
}
