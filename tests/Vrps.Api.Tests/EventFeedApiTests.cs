using System.Globalization;
using System.Net;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>P4: the tenant's domain events as Server-Sent Events over real HTTP.</summary>
public sealed class EventFeedApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private ApiSilo silo = null!;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("feed"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task GetEvents_LotsCreatedWhileOpen_StreamsLotCreatedWithIncreasingIds()
    {
        var tenant = await Tenant.CreateAsync(silo, "Alpha");
        using var client = silo.CreateClient(tenant.Keys[Roles.Operator]);
        using var timeout = new CancellationTokenSource(Bound);

        // The feed is open (headers received) before the lots exist: they must arrive live.
        using var response = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/events?from=now&types=lot.created&limit=2"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var first = (await client.PostOkAsync($"/api/properties/{tenant.PropertyId}/lots", new { name = "North", capacity = 10 })).Id();
        var second = (await client.PostOkAsync($"/api/properties/{tenant.PropertyId}/lots", new { name = "South", capacity = 20 })).Id();
        var events = Parse(await response.Content.ReadAsStringAsync(timeout.Token));

        Assert.Equal(["lot.created", "lot.created"], events.Select(static e => e.Type));
        Assert.Equal([first, second], events.Select(static e => e.Data.GetProperty("data").GetProperty("id").GetGuid()));
        Assert.True(events[0].Id < events[1].Id, $"ids must increase: {events[0].Id}, {events[1].Id}");
        Assert.Equal(tenant.CustomerId, events[0].Data.GetProperty("data").GetProperty("customerId").GetGuid());
    }

    [Fact]
    public async Task GetEvents_WithLastEventIdOrAfter_ResumesAfterItWithoutRepeats()
    {
        var tenant = await Tenant.CreateAsync(silo, "Alpha");
        using var client = silo.CreateClient(tenant.Keys[Roles.Operator]);

        var opening = await ReadFeedAsync(client, "/api/events?limit=3");
        var resumed = await ReadFeedAsync(client, "/api/events?limit=2", lastEventId: opening[1].Id);
        var afterQuery = await ReadFeedAsync(client, $"/api/events?after={opening[0].Id}&limit=2");

        Assert.Equal([1L, 2L, 3L], opening.Select(static e => e.Id));
        Assert.Equal("customer.created", opening[0].Type);
        Assert.Equal([3L, 4L], resumed.Select(static e => e.Id));
        Assert.Equal(opening[2].Data.GetRawText(), resumed[0].Data.GetRawText());
        Assert.Equal([2L, 3L], afterQuery.Select(static e => e.Id));
    }

    [Fact]
    public async Task GetEvents_OtherTenantsOperatorKey_NeverSeesTheirEvents()
    {
        var alpha = await Tenant.CreateAsync(silo, "Alpha");
        var beta = await Tenant.CreateAsync(silo, "Beta");
        using var alphaOperator = silo.CreateClient(alpha.Keys[Roles.Operator]);
        using var betaOperator = silo.CreateClient(beta.Keys[Roles.Operator]);
        var alphaLot = (await alphaOperator.PostOkAsync($"/api/properties/{alpha.PropertyId}/lots", new { name = "Alpha Only", capacity = 5 })).Id();
        var betaLot = (await betaOperator.PostOkAsync($"/api/properties/{beta.PropertyId}/lots", new { name = "Beta Marker", capacity = 5 })).Id();

        // Beta's marker lot is its latest event, so its id is the length of Beta's whole stream.
        var betaLots = await ReadFeedAsync(betaOperator, "/api/events?types=lot.created&limit=2");
        Assert.Equal(betaLot, betaLots[^1].Data.GetProperty("data").GetProperty("id").GetGuid());
        var betaStream = await ReadFeedAsync(betaOperator, $"/api/events?limit={betaLots[^1].Id}");

        Assert.All(betaStream, e => Assert.DoesNotContain(alpha.CustomerId.ToString(), e.Data.GetRawText(), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(betaStream, e => e.Data.GetRawText().Contains(alphaLot.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Contains(betaStream, e => e.Type == "customer.created" && e.Data.GetProperty("data").GetProperty("id").GetGuid() == beta.CustomerId);
        await ProblemAssert.IsProblemAsync(await betaOperator.GetAsync($"/api/events?customerId={alpha.CustomerId}&limit=1"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GetEvents_PlatformAdminNamingACustomer_StreamsThatCustomer()
    {
        var tenant = await Tenant.CreateAsync(silo, "Alpha");

        var events = await ReadFeedAsync(silo.Client, $"/api/events?customerId={tenant.CustomerId}&types=customer.created&limit=1");

        Assert.Equal(tenant.CustomerId, Assert.Single(events).Data.GetProperty("data").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task GetEvents_PlatformAdminWithoutCustomerId_Is400OnCustomerId()
    {
        var problem = await ProblemAssert.IsProblemAsync(await silo.Client.GetAsync("/api/events"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("customerId", out _));
    }

    [Theory]
    [InlineData(Roles.Enforcement)]
    [InlineData(Roles.Consumer)]
    public async Task GetEvents_KeyOfNoCustomer_Is403(string role)
    {
        var tenant = await Tenant.CreateAsync(silo, "Alpha");
        using var client = silo.CreateClient(tenant.Keys[role]);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/events"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("types=lot.exploded", "types")]
    [InlineData("from=yesterday", "from")]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    public async Task GetEvents_InvalidQuery_Is400WithTheField(string query, string field)
    {
        var tenant = await Tenant.CreateAsync(silo, "Alpha");
        using var client = silo.CreateClient(tenant.Keys[Roles.Operator]);

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/events?{query}"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    /// <summary>Reads a feed that ends by its own ?limit=, within a bounded time.</summary>
    private static async Task<List<(long Id, string Type, JsonElement Data)>> ReadFeedAsync(HttpClient client, string url, long? lastEventId = null)
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>The events of an SSE body; each one's data line must agree with its id and event lines.</summary>
    private static List<(long Id, string Type, JsonElement Data)> Parse(string body)
    {
        var events = new List<(long Id, string Type, JsonElement Data)>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = block.Split('\n')
                .Where(static line => !line.StartsWith(':'))
                .Select(static line => line.Split(": ", 2))
                .ToDictionary(static parts => parts[0], static parts => parts[1]);
            if (fields.Count == 0)
            {
                continue;
            }

            var id = long.Parse(fields["id"], CultureInfo.InvariantCulture);
            var data = JsonDocument.Parse(fields["data"]).RootElement;
            Assert.Equal(id, data.GetProperty("sequence").GetInt64());
            Assert.Equal(fields["event"], data.GetProperty("type").GetString());
            Assert.True(data.TryGetProperty("occurredAt", out _));
            events.Add((id, fields["event"], data));
        }

        return events;
    }
}
