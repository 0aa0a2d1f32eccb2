using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: list filters apply before paging, so every page is full until the last and the cursor walks each match once.</summary>
public sealed class ListFilterPagingApiTests : IAsyncLifetime
{
    private const int PageSize = 2;

    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("listfilter"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task ListTickets_StatusFilterAmongManyOthers_FirstPageFullAndCursorWalksEachMatchOnce()
    {
        var t = await Tenant.CreateAsync(silo, "Tickets");
        var started = new List<Guid>();
        for (var round = 0; round < 3; round++)
        {
            // More non-matching tickets than a page before each match.
            for (var i = 0; i < PageSize + 3; i++)
            {
                await TicketAsync(t, $"Open {round}.{i}");
            }

            var ticket = await TicketAsync(t, $"Started {round}");
            await Admin.PostOkAsync($"/api/tickets/{ticket}/start", new { });
            started.Add(ticket);
        }

        var pages = await WalkAsync(Admin, $"/api/properties/{t.PropertyId}/tickets?status=in_progress&limit={PageSize}");

        Assert.Equal(PageSize, pages[0].Count);
        Assert.Equal(started, pages.SelectMany(static p => p));
    }

    [Fact]
    public async Task ListLots_ManagerSeesFewAmongMany_FirstPageFullAndCursorWalksEachVisibleLotOnce()
    {
        var t = await Tenant.CreateAsync(silo, "Lots");
        var visible = new List<Guid> { t.LotId };
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < PageSize + 3; i++)
            {
                await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = $"Hidden {round}.{i}", capacity = 5 });
            }

            var granted = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = $"Granted {round}", capacity = 5 })).Id();
            await Admin.PutOkAsync($"/api/units/{t.UnitId}/lots/{granted}");
            visible.Add(granted);
        }

        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);
        var pages = await WalkAsync(manager, $"/api/properties/{t.PropertyId}/lots?limit={PageSize}");

        Assert.Equal(PageSize, pages[0].Count);
        Assert.Equal(visible, pages.SelectMany(static p => p));
    }

    private async Task<Guid> TicketAsync(Tenant t, string title) =>
        (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/tickets", new { category = "PC-PLUMBING", priority = "normal", title })).Id();

    /// <summary>Every page's ids, following nextCursor to the end; every page but the last must be full.</summary>
    private static async Task<List<List<Guid>>> WalkAsync(HttpClient client, string url)
    {
        var pages = new List<List<Guid>>();
        string? cursor = null;
        do
        {
            var page = await client.GetOkAsync(cursor is null ? url : $"{url}&cursor={cursor}");
            pages.Add([.. page.GetProperty("items").EnumerateArray().Select(static i => i.Id())]);
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            Assert.True(cursor is null || pages[^1].Count == PageSize, $"page {pages.Count} has {pages[^1].Count} items but a next cursor");
        }
        while (cursor is not null && pages.Count < 50);

        return pages;
    }
}
