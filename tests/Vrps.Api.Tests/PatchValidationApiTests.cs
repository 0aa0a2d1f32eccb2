using System.Net;
using System.Net.Http.Json;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: a PATCH is validated whole before any of it applies, so a refused PATCH changes nothing.</summary>
public sealed class PatchValidationApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("patchvalidation"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task PatchLot_OneFieldInvalid_ChangesNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Lot");
        await AssertRefusedAndUnchangedAsync($"/api/lots/{t.LotId}", new { name = "Renamed", capacity = -5 }, "capacity");
    }

    [Fact]
    public async Task PatchProperty_OneFieldInvalid_ChangesNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Property");
        await AssertRefusedAndUnchangedAsync($"/api/properties/{t.PropertyId}", new { name = "Renamed", timezone = "Mars/Olympus" }, "timezone");
    }

    [Fact]
    public async Task PatchUnit_OneFieldInvalid_ChangesNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Unit");
        await AssertRefusedAndUnchangedAsync($"/api/units/{t.UnitId}", new { name = "Renamed", maxConcurrentPasses = -1 }, "maxConcurrentPasses");
    }

    [Fact]
    public async Task PatchCustomer_OneFieldInvalid_ChangesNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Customer");
        await AssertRefusedAndUnchangedAsync($"/api/customers/{t.CustomerId}", new { name = "Renamed", status = "dormant" }, "status");
    }

    /// <summary>The PATCH is refused naming the bad field, and neither the next read nor the audit trail shows any of it.</summary>
    private async Task AssertRefusedAndUnchangedAsync(string url, object patch, string field)
    {
        var before = await Admin.GetOkAsync(url);
        var audit = await Admin.GetOkAsync($"/api/audit?entityId={before.Id()}");

        var problem = await ProblemAssert.IsProblemAsync(await Admin.PatchAsJsonAsync(url, patch), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before.GetRawText(), (await Admin.GetOkAsync(url)).GetRawText());
        Assert.Equal(audit.GetRawText(), (await Admin.GetOkAsync($"/api/audit?entityId={before.Id()}")).GetRawText());
    }
}
