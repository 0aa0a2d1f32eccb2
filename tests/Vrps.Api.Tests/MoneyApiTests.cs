using System.Net;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Money (R15): a transaction per charged pass, payouts that pay each settled transaction exactly once.</summary>
public sealed class MoneyApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("money"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task ListTransactions_ChargedAndFreePasses_ListsOneSettledTransactionPerChargedPass()
    {
        var t = await Tenant.CreateAsync(silo, "Ledger");
        var charged = await OfferAsync(t.LotId, amountCents: 500);
        var free = await OfferAsync(t.LotId, amountCents: 0);
        var pass = await ClaimAsync(t.LotId, charged, "+15552000001", "TX1");
        await ClaimAsync(t.LotId, free, "+15552000002", "TX2");
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);

        var transactions = (await operatorClient.GetOkAsync($"/api/customers/{t.CustomerId}/transactions")).GetProperty("items");

        Assert.Equal(
            new[] { t.PassId, pass.Id() }.Order(),
            transactions.EnumerateArray().Select(static tx => tx.GetProperty("passId").GetGuid()).Order());
        var transaction = transactions.EnumerateArray().Single(tx => tx.GetProperty("passId").GetGuid() == pass.Id());
        Assert.Equal(pass.Id(), transaction.Id());
        Assert.Equal(500, transaction.GetProperty("amountCents").GetInt32());
        Assert.Equal("settled", transaction.GetProperty("status").GetString());
        Assert.Equal(t.PropertyId, transaction.GetProperty("propertyId").GetGuid());
        Assert.Equal(t.LotId, transaction.GetProperty("lotId").GetGuid());
    }

    [Fact]
    public async Task CreatePayout_SettledTransactions_SumsThemAndMarksThemPaidOut()
    {
        var t = await PaidUpTenantAsync("Payout");
        var offer = await OfferAsync(t.LotId, amountCents: 500);
        var first = await ClaimAsync(t.LotId, offer, "+15552000003", "PO1");
        var second = await ClaimAsync(t.LotId, offer, "+15552000004", "PO2");
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);

        using var response = await operatorClient.PostAsync($"/api/customers/{t.CustomerId}/payouts", null);
        var payout = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var transactions = (await operatorClient.GetOkAsync($"/api/customers/{t.CustomerId}/transactions")).GetProperty("items");
        var read = await operatorClient.GetOkAsync($"/api/payouts/{payout.Id()}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1000, payout.GetProperty("totalCents").GetInt64());
        Assert.Equal(2, payout.GetProperty("itemCount").GetInt32());
        Assert.Equal(t.CustomerId, payout.GetProperty("customerId").GetGuid());
        Assert.Equal(
            new[] { first.Id(), second.Id() }.Order(),
            payout.GetProperty("items").EnumerateArray().Select(static i => i.GetProperty("passId").GetGuid()).Order());
        Assert.All(transactions.EnumerateArray().Where(tx => tx.GetProperty("passId").GetGuid() != t.PassId), tx =>
        {
            Assert.Equal("paid_out", tx.GetProperty("status").GetString());
            Assert.Equal(payout.Id(), tx.GetProperty("payoutId").GetGuid());
        });
        Assert.Equal(payout.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task CreatePayout_NothingNewSettled_AnswersNothingToPayOut()
    {
        var t = await Tenant.CreateAsync(silo, "Twice");
        await ClaimAsync(t.LotId, await OfferAsync(t.LotId, amountCents: 500), "+15552000005", "TW1");
        await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/payouts", new { });

        using var again = await Admin.PostAsync($"/api/customers/{t.CustomerId}/payouts", null);

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.UnprocessableEntity, "nothing_to_pay_out");
    }

    [Fact]
    public async Task CreatePayout_AfterAnotherClaim_PaysOnlyTheNewTransaction()
    {
        var t = await Tenant.CreateAsync(silo, "Next");
        var offer = await OfferAsync(t.LotId, amountCents: 500);
        await ClaimAsync(t.LotId, offer, "+15552000006", "NX1");
        await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/payouts", new { });
        var later = await ClaimAsync(t.LotId, offer, "+15552000007", "NX2");

        var payout = await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/payouts", new { });

        Assert.Equal(500, payout.GetProperty("totalCents").GetInt64());
        Assert.Equal(later.Id(), Assert.Single(payout.GetProperty("items").EnumerateArray()).GetProperty("transactionId").GetGuid());
        Assert.Equal(2, (await Admin.GetOkAsync($"/api/customers/{t.CustomerId}/payouts")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CreatePayout_ConcurrentRequests_PayEachTransactionOnce()
    {
        var t = await PaidUpTenantAsync("Race");
        var offer = await OfferAsync(t.LotId, amountCents: 500);
        for (var i = 0; i < 3; i++)
        {
            await ClaimAsync(t.LotId, offer, $"+1555200010{i}", $"RC{i}");
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Admin.PostAsync($"/api/customers/{t.CustomerId}/payouts", null)));

        var created = Assert.Single(responses, static r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r != created), static r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        var payout = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1500, payout.GetProperty("totalCents").GetInt64());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Enforcement)]
    [InlineData(Roles.Consumer)]
    public async Task Money_KeysOtherThanOperators_FindNothing(string role)
    {
        var t = await Tenant.CreateAsync(silo, "Hidden");
        await ClaimAsync(t.LotId, await OfferAsync(t.LotId, amountCents: 500), "+15552000008", "HD1");
        var payout = await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/payouts", new { });
        using var client = silo.CreateClient(t.Keys[role]);

        using var transactions = await client.GetAsync($"/api/customers/{t.CustomerId}/transactions");
        using var read = await client.GetAsync($"/api/payouts/{payout.Id()}");
        using var create = await client.PostAsync($"/api/customers/{t.CustomerId}/payouts", null);

        await ProblemAssert.IsProblemAsync(transactions, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GetPayout_OperatorOfAnotherCustomer_AnswersNotFoundWithoutNamingTheCustomer()
    {
        var owner = await Tenant.CreateAsync(silo, "Owner");
        var other = await Tenant.CreateAsync(silo, "Other");
        await ClaimAsync(owner.LotId, await OfferAsync(owner.LotId, amountCents: 500), "+15552000009", "OW1");
        var payout = await Admin.PostOkAsync($"/api/customers/{owner.CustomerId}/payouts", new { });
        using var client = silo.CreateClient(other.Keys[Roles.Operator]);

        using var response = await client.GetAsync($"/api/payouts/{payout.Id()}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(owner.CustomerId.ToString(), problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A tenant whose own seeded pass was already paid out, so a test's payout holds only the test's transactions.</summary>
    private async Task<Tenant> PaidUpTenantAsync(string name)
    {
        var t = await Tenant.CreateAsync(silo, name);
        await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/payouts", new { });
        return t;
    }

    private async Task<Guid> OfferAsync(Guid lot, int amountCents)
    {
        var passType = (await Admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = amountCents == 0 ? "Free visitor" : "Paid visitor",
            description = "Two hours",
            terms = new { rateStructure = amountCents == 0 ? "free" : "flat", amountCents, duration = new { kind = "hours", value = 2 } },
        })).Id();
        return (await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = passType, capacity = 20 })).Id();
    }

    private async Task<JsonElement> ClaimAsync(Guid lot, Guid offer, string phone, string plate)
    {
        using var anonymous = silo.CreateClient(null);
        return await anonymous.PostOkAsync("/api/claims", new { offerId = offer, lotId = lot, phone, plate });
    }
}
