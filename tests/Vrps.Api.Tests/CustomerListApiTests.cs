using System.Net;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: GET /api/customers, paged like every list; operators see their own customer, other roles 403.</summary>
public sealed class CustomerListApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("customerlist"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task ListCustomers_AdminWithSmallPages_WalksEveryCustomerInCreationOrder()
    {
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Admin.PostOkAsync("/api/customers", new { name = $"Paged {i}" })).Id());
        }

        var (listed, pages) = await WalkAsync(Admin, limit: 2);

        Assert.Equal(created, listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListCustomers_Operator_SeesOnlyItsOwnCustomer()
    {
        var mine = await Tenant.CreateAsync(silo, "Mine");
        await Admin.PostOkAsync("/api/customers", new { name = "Someone Else" });
        using var operatorClient = silo.CreateClient(mine.Keys[Roles.Operator]);

        var (listed, _) = await WalkAsync(operatorClient, limit: 50);

        Assert.Equal([mine.CustomerId], listed);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Enforcement)]
    [InlineData(Roles.Consumer)]
    public async Task ListCustomers_RoleNotBoundToListCustomers_Is403(string role)
    {
        var tenant = await Tenant.CreateAsync(silo, "Roles");
        using var client = silo.CreateClient(tenant.Keys[role]);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/customers"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ListCustomers_DeletedCustomer_LeavesTheList()
    {
        var kept = (await Admin.PostOkAsync("/api/customers", new { name = "Kept" })).Id();
        var deleted = (await Admin.PostOkAsync("/api/customers", new { name = "Deleted" })).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/customers/{deleted}")).StatusCode);

        var (listed, _) = await WalkAsync(Admin, limit: 50);

        Assert.Equal([kept], listed);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("cursor=not-a-cursor")]
    public async Task ListCustomers_BadPaging_Is400(string query) =>
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/customers?{query}"), HttpStatusCode.BadRequest, "validation_failed");

    private static async Task<(List<Guid> Ids, int Pages)> WalkAsync(HttpClient client, int limit)
    {
        var ids = new List<Guid>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetOkAsync($"/api/customers?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            pages++;
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= limit, $"a page of {items.Count} for limit {limit}");
            ids.AddRange(items.Select(static item => item.Id()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return (ids, pages);
    }
}
