using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: every event a grain publishes is one of the documented types (TenantEvents.Types).</summary>
public sealed class EventTypesApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private ApiSilo silo = null!;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("eventtypes"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task ResumePass_AfterSuspend_PublishesPassResumed()
    {
        var tenant = await Tenant.CreateAsync(silo, "Resume");
        using var client = silo.CreateClient(tenant.Keys[Roles.Operator]);
        using var timeout = new CancellationTokenSource(Bound);

        // Opened before the actions, unfiltered, so whatever type the resume publishes is what arrives second.
        using var feed = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/events?from=now&limit=2"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await client.PostOkAsync($"/api/passes/{tenant.PassId}/suspend", new { });
        await client.PostOkAsync($"/api/passes/{tenant.PassId}/resume", new { });
        var types = EventTypesOf(await feed.Content.ReadAsStringAsync(timeout.Token));

        Assert.Equal(["pass.suspended", "pass.resumed"], types);
    }

    private static List<string> EventTypesOf(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(static block => block.Split('\n'))
            .Where(static line => line.StartsWith("event: ", StringComparison.Ordinal))
            .Select(static line => line["event: ".Length..])];
}
