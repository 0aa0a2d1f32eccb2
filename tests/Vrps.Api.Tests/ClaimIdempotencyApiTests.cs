using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vrps.Api.Idempotency;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Issue 9: an anonymous claim's Idempotency-Key is bound to its request. The same key with another body is refused
/// and never answers with someone else's pass — neither while the stored answer lives nor after it has expired.
/// </summary>
public sealed class ClaimIdempotencyApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private string connectionString = "";
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("claimidem");
        silo = await ApiSilo.StartAsync(connectionString, clock);
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Claim_SameKeyDifferentBody_Returns422AndNoPassLeaks()
    {
        var (lot, offer) = await OpenOfferAsync("Leak");
        var first = await ClaimAsync(Body(offer, lot, "+15550100001", "ALICE1"), "issue9-shared");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var alice = await first.Content.ReadFromJsonAsync<JsonElement>();

        var second = await ClaimAsync(Body(offer, lot, "+15550100002", "BOB22"), "issue9-shared");

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        AssertNoneOf(alice, await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Claim_SameKeySameBody_ReplaysSamePass()
    {
        var (lot, offer) = await OpenOfferAsync("Replay");
        var body = Body(offer, lot, "+15550100003", "CAROL3");

        var first = await ClaimAsync(body, "issue9-replay");
        var second = await ClaimAsync(body, "issue9-replay");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(["true"], second.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(
            async () => (await Admin.GetOkAsync($"/api/offers/{offer}")).GetProperty("claimedCount").GetInt32() == 1, "one claim counted");
    }

    [Fact]
    public async Task Claim_StoredAnswerExpiredThenDifferentBody_GetsItsOwnPassNotTheFirst()
    {
        var (lot, offer) = await OpenOfferAsync("Expired");
        var first = await ClaimAsync(Body(offer, lot, "+15550100004", "DAVE44"), "issue9-expired");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var dave = await first.Content.ReadFromJsonAsync<JsonElement>();

        clock.Advance(TimeSpan.FromHours(25));
        var second = await ClaimAsync(Body(offer, lot, "+15550100005", "ERIN55"), "issue9-expired");

        var text = await second.Content.ReadAsStringAsync();
        Assert.True(second.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)second.StatusCode}: {text}");
        Assert.Equal("ERIN55", JsonDocument.Parse(text).RootElement.GetProperty("plate").GetString());
        AssertNoneOf(dave, text);
    }

    [Fact]
    public async Task Claim_StoredAnswerExpiredThenSameBody_ReturnsTheSamePass()
    {
        var (lot, offer) = await OpenOfferAsync("Late");
        var body = Body(offer, lot, "+15550100006", "FRAN66");
        var first = await (await ClaimAsync(body, "issue9-late")).Content.ReadFromJsonAsync<JsonElement>();

        clock.Advance(TimeSpan.FromHours(25));
        var retry = await ClaimAsync(body, "issue9-late");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(first.Id(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).Id());
    }

    [Fact]
    public async Task Claim_SameKeyStillInProgress_Returns409InProgress()
    {
        var (lot, offer) = await OpenOfferAsync("Flight");
        var body = JsonSerializer.Serialize(Body(offer, lot, "+15550100007", "GINA77"));
        await InsertInProgressKeyAsync("issue9-in-flight", body);

        var response = await ClaimAsync(body, "issue9-in-flight");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "idempotency_key_in_progress");
    }

    [Fact]
    public async Task IssueDirect_StoredAnswerExpiredThenOtherConsumer_GetsItsOwnPassNotTheFirst()
    {
        var (lot, _) = await OpenOfferAsync("Direct");
        var passType = await PassTypeAsync(lot);
        var offer = (await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "direct", passTypeId = passType })).Id();
        var first = await IssueAsync(offer, new { phone = "+15550100008", plate = "HANK88" }, "issue9-direct");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var hank = await first.Content.ReadFromJsonAsync<JsonElement>();

        clock.Advance(TimeSpan.FromHours(25));
        var second = await IssueAsync(offer, new { phone = "+15550100009", plate = "IRIS99" }, "issue9-direct");

        var text = await second.Content.ReadAsStringAsync();
        Assert.True(second.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)second.StatusCode}: {text}");
        Assert.Equal("IRIS99", JsonDocument.Parse(text).RootElement.GetProperty("plate").GetString());
        AssertNoneOf(hank, text);
    }

    private static object Body(Guid offer, Guid lot, string phone, string plate) => new { offerId = offer, lotId = lot, phone, plate };

    /// <summary>The answer names neither the other person's pass, nor their consumer, nor their plate.</summary>
    private static void AssertNoneOf(JsonElement other, string answer)
    {
        Assert.DoesNotContain(other.Id().ToString(), answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.GetProperty("consumerId").GetGuid().ToString(), answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.GetProperty("plate").GetString()!, answer, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(Guid Lot, Guid Offer)> OpenOfferAsync(string name)
    {
        var customer = (await Admin.PostOkAsync("/api/customers", new { name = $"{name} Co" })).Id();
        var property = (await Admin.PostOkAsync($"/api/customers/{customer}/properties", new { name = $"{name} Tower", timezone = "UTC" })).Id();
        var lot = (await Admin.PostOkAsync($"/api/properties/{property}/lots", new { name = $"{name} Lot", capacity = 20, mode = "both" })).Id();
        var offer = (await Admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "open", passTypeId = await PassTypeAsync(lot) })).Id();
        return (lot, offer);
    }

    private async Task<Guid> PassTypeAsync(Guid lot) =>
        (await Admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Visitor",
            terms = new { rateStructure = "free", amountCents = 0, duration = new { kind = "hours", value = 2 } },
        })).Id();

    private Task<HttpResponseMessage> ClaimAsync(object body, string idempotencyKey) => ClaimAsync(JsonSerializer.Serialize(body), idempotencyKey);

    private async Task<HttpResponseMessage> ClaimAsync(string json, string idempotencyKey)
    {
        using var anonymous = silo.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyMiddleware.HeaderName, idempotencyKey);
        var response = await anonymous.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpResponseMessage> IssueAsync(Guid offer, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offers/{offer}/issue") { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyMiddleware.HeaderName, idempotencyKey);
        var response = await Admin.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Plants a claim the same anonymous request "is still running" (no stored response yet).</summary>
    private async Task InsertInProgressKeyAsync(string key, string body)
    {
        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var hash = await RequestHash.ComputeAsync("POST", "/api/claims", bytes, CancellationToken.None);
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO idempotency_keys (api_key_id, key, claim_id, request_hash, created_at)
            VALUES (@api_key_id, @key, @claim_id, @request_hash, @created_at)
            """);
        command.Parameters.AddWithValue("api_key_id", IdempotencyScope.Anonymous);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("claim_id", Guid.NewGuid());
        command.Parameters.AddWithValue("request_hash", hash);
        command.Parameters.AddWithValue("created_at", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync();
    }
}
