using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Vrps.Api.Auth;
using Vrps.Api.Idempotency;
using Vrps.Testing;

namespace Vrps.Api.Tests;

public sealed class IdempotencyApiTests : IAsyncLifetime
{
    private const string CustomersPath = "/api/customers";

    private string connectionString = "";
    private ApiSilo silo = null!;

    private HttpClient Client => silo.Client;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("idempotency");
        silo = await ApiSilo.StartAsync(connectionString);
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task PostWithKey_SameKeyAndBody_ReplaysFirstResponseAndCreatesOnce()
    {
        var first = await PostAsync(Client, "create-acme", """{"name":"Acme"}""");
        var second = await PostAsync(Client, "create-acme", """{"name":"Acme"}""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, second);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"{CustomersPath}/{id}")).StatusCode);
        Assert.Equal(1, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_SameKeyDifferentBody_Is422KeyReused()
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Client, "reused", """{"name":"Acme"}""")).StatusCode);

        var response = await PostAsync(Client, "reused", """{"name":"Globex"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(1, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_AfterSiloRestart_ReplaysFirstResponse()
    {
        var first = await PostAsync(Client, "survives-restart", """{"name":"Acme"}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await silo.DisposeAsync();
        silo = await ApiSilo.StartAsync(connectionString);
        var second = await PostAsync(Client, "survives-restart", """{"name":"Acme"}""");

        await AssertReplayOfAsync(first, second);
        Assert.Equal(1, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_SameKeyFromTwoApiKeys_RunsOncePerApiKey()
    {
        var created = await Client.PostAsJsonAsync("/api/api-keys", new { name = "second", role = "platform_admin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var secondClient = silo.CreateClient(token);

        var mine = await PostAsync(Client, "shared-value", """{"name":"Acme"}""");
        var theirs = await PostAsync(secondClient, "shared-value", """{"name":"Acme"}""");

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.NotEqual(await IdOfAsync(mine), await IdOfAsync(theirs));
        Assert.Equal(2, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_RefusedRequest_ReplaysTheRefusal()
    {
        var first = await PostAsync(Client, "refused", """{"name":"  "}""");
        var second = await PostAsync(Client, "refused", """{"name":"  "}""");

        await ProblemAssert.IsProblemAsync(first, HttpStatusCode.BadRequest, "validation_failed");
        await AssertReplayOfAsync(first, second);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(0)]
    public async Task PostWithKey_KeyNotOneTo255Characters_Is400OnTheHeader(int length)
    {
        var response = await PostAsync(Client, new string('k', length), """{"name":"Acme"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_MaximumLengthPrintableKey_IsAccepted()
    {
        var key = string.Concat(Enumerable.Repeat("a-Z_0.9:~!", 26))[..IdempotencyMiddleware.MaxKeyLength];

        var response = await PostAsync(Client, key, """{"name":"Acme"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PostWithoutKey_SameBodyTwice_CreatesTwo()
    {
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync(CustomersPath, new { name = "Acme" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync(CustomersPath, new { name = "Acme" })).StatusCode);

        Assert.Equal(2, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_ConcurrentRetries_CreateOnce()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(Client, "racing", """{"name":"Acme"}""")));

        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "idempotency_key_in_progress");
                continue;
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add(await IdOfAsync(response));
        }

        Assert.Single(ids);
        Assert.Equal(1, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_SameRequestStillInProgress_Is409InProgress()
    {
        const string body = """{"name":"Acme"}""";
        await InsertKeyAsync("in-flight", body, DateTimeOffset.UtcNow, completed: false);

        var response = await PostAsync(Client, "in-flight", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "idempotency_key_in_progress");
        Assert.Equal(0, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_InProgressClaimAbandoned_RunsAgain()
    {
        const string body = """{"name":"Acme"}""";
        await InsertKeyAsync("abandoned", body, DateTimeOffset.UtcNow.AddMinutes(-2), completed: false);

        var first = await PostAsync(Client, "abandoned", body);
        var retry = await PostAsync(Client, "abandoned", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, retry);
        Assert.Equal(1, await CountCustomersAsync());
    }

    [Fact]
    public async Task PostWithKey_KeyOlderThan24Hours_RunsAgain()
    {
        const string body = """{"name":"Acme"}""";
        await InsertKeyAsync("expired", body, DateTimeOffset.UtcNow.AddHours(-25), completed: true);

        var response = await PostAsync(Client, "expired", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(1, await CountCustomersAsync());
    }

    [Fact]
    public async Task SiloStart_SchedulesTheSweepReminder()
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM orleans_reminders WHERE grain_id = 'idempotency_sweeper/singleton' AND reminder_name = 'sweep'");

        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CustomersPath)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.HeaderName, key);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task AssertReplayOfAsync(HttpResponseMessage first, HttpResponseMessage replay)
    {
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), replay.Content.Headers.ContentType?.ToString());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(["true"], replay.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName));
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private async Task<long> CountCustomersAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM grain_index WHERE kind = 'customer'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Plants a key the bootstrap admin "already used" for POST /api/customers with <paramref name="body"/>.</summary>
    private async Task InsertKeyAsync(string key, string body, DateTimeOffset createdAt, bool completed)
    {
        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var hash = await RequestHash.ComputeAsync("POST", CustomersPath, bytes, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO idempotency_keys (api_key_id, key, claim_id, request_hash, status_code, content_type, body, created_at, completed_at)
            VALUES (@api_key_id, @key, @claim_id, @request_hash, @status_code, @content_type, @body, @created_at, @completed_at)
            """);
        command.Parameters.AddWithValue("api_key_id", ApiKeyAuthenticationMiddleware.BootstrapKeyId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("claim_id", Guid.NewGuid());
        command.Parameters.AddWithValue("request_hash", hash);
        command.Parameters.AddWithValue("status_code", completed ? 201 : (object)DBNull.Value);
        command.Parameters.AddWithValue("content_type", completed ? "application/json; charset=utf-8" : (object)DBNull.Value);
        command.Parameters.AddWithValue("body", completed ? """{"id":"stale"}"""u8.ToArray() : (object)DBNull.Value);
        command.Parameters.AddWithValue("created_at", createdAt);
        command.Parameters.AddWithValue("completed_at", completed ? createdAt : (object)DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
