using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>The ownership tree (R1–R6), keys and roles (P3, R13, R14), soft delete (R3) and audit (R16, P5), over HTTP.</summary>
public sealed class SpineApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("spine"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task CreateLot_ServerAssignsSlugAndQrCode_PatchRefusesToChangeThem()
    {
        var t = await Tenant.CreateAsync(silo, "Slug");
        var lot = await Admin.GetOkAsync($"/api/lots/{t.LotId}");
        var slug = lot.GetProperty("slug").GetString();
        Assert.StartsWith("slug-main-lot-", slug);
        Assert.StartsWith("VRPS-L-", lot.GetProperty("qrCode").GetString());
        Assert.Equal(t.PropertyId, lot.GetProperty("propertyId").GetGuid());
        Assert.Equal(t.CustomerId, lot.GetProperty("customerId").GetGuid());

        var refused = await Admin.PatchAsJsonAsync($"/api/lots/{t.LotId}", new { slug = "mine" });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "slug_immutable");

        var renamed = await Admin.SendOkAsync(HttpMethod.Patch, $"/api/lots/{t.LotId}", new { name = "Renamed", capacity = 80 });
        Assert.Equal(slug, renamed.GetProperty("slug").GetString());
        Assert.Equal(80, renamed.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task ListLots_PagedWithCursor_SeesEachWriteAtOnce()
    {
        var t = await Tenant.CreateAsync(silo, "Pages");
        for (var i = 0; i < 4; i++)
        {
            var created = await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = $"Extra {i}", capacity = 5 });
            var all = await Admin.GetOkAsync($"/api/properties/{t.PropertyId}/lots?limit=200");
            Assert.Contains(all.GetProperty("items").EnumerateArray(), item => item.Id() == created.Id());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Admin.GetOkAsync($"/api/properties/{t.PropertyId}/lots?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(static i => i.Id()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Distinct().Count());
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/properties/{t.PropertyId}/lots?cursor=garbage"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task GrantPeerProperty_OtherCustomersProperty_Is422CrossCustomerGrant()
    {
        var a = await Tenant.CreateAsync(silo, "Left");
        var b = await Tenant.CreateAsync(silo, "Right");

        var response = await Admin.PutAsync($"/api/lots/{a.LotId}/peer-properties/{b.PropertyId}", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "cross_customer_grant");
    }

    [Fact]
    public async Task GrantUnitLot_PeerLot_NeedsPeerGrantAndLosesItWhenRevoked()
    {
        var t = await Tenant.CreateAsync(silo, "Peer");
        var neighbour = (await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/properties", new { name = "Neighbour", timezone = "Europe/Paris" })).Id();
        var neighbourUnit = (await Admin.PostOkAsync($"/api/properties/{neighbour}/units", new { name = "N1", maxConcurrentPasses = 2 })).Id();

        var refused = await Admin.PutAsync($"/api/units/{neighbourUnit}/lots/{t.LotId}", null);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "lot_not_accessible");

        var shared = await Admin.PutOkAsync($"/api/lots/{t.LotId}/peer-properties/{neighbour}");
        Assert.Contains(shared.GetProperty("peerPropertyIds").EnumerateArray(), p => p.GetGuid() == neighbour);
        Assert.Equal(t.PropertyId, shared.GetProperty("propertyId").GetGuid());
        var granted = await Admin.PutOkAsync($"/api/units/{neighbourUnit}/lots/{t.LotId}");
        Assert.Contains(granted.GetProperty("lotIds").EnumerateArray(), l => l.GetGuid() == t.LotId);

        await Admin.SendOkAsync(HttpMethod.Delete, $"/api/lots/{t.LotId}/peer-properties/{neighbour}");
        var unit = await Admin.GetOkAsync($"/api/units/{neighbourUnit}");
        Assert.Empty(unit.GetProperty("lotIds").EnumerateArray());
    }

    [Fact]
    public async Task DeleteProperty_SoftDeletesItsLotsAndUnits_AndKeepsTheirAudit()
    {
        var t = await Tenant.CreateAsync(silo, "Gone");

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/properties/{t.PropertyId}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/properties/{t.PropertyId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/lots/{t.LotId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/units/{t.UnitId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(
            await Admin.PostAsJsonAsync($"/api/properties/{t.PropertyId}/lots", new { name = "Late", capacity = 1 }), HttpStatusCode.NotFound, "not_found");
        var properties = await Admin.GetOkAsync($"/api/customers/{t.CustomerId}/properties");
        Assert.Empty(properties.GetProperty("items").EnumerateArray());

        var trail = await Admin.GetOkAsync($"/api/audit?entityId={t.LotId}");
        var actions = trail.GetProperty("items").EnumerateArray().Select(static e => e.GetProperty("record").GetProperty("action").GetString()).ToList();
        Assert.Equal("created", actions[0]);
        Assert.Equal("deleted", actions[^1]);
    }

    [Fact]
    public async Task DeleteCustomer_SoftDeletesItsProperties()
    {
        var t = await Tenant.CreateAsync(silo, "Bye");

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/customers/{t.CustomerId}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/properties/{t.PropertyId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/units/{t.UnitId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ApiKey_ShownOnlyAtCreation_AndRefusedAtOnceWhenRevoked()
    {
        var t = await Tenant.CreateAsync(silo, "Keys");
        var created = await Admin.PostOkAsync("/api/api-keys", new { name = "integration", role = Roles.Operator, customerId = t.CustomerId });
        var token = created.GetProperty("key").GetString()!;
        using var client = silo.CreateClient(token);
        await client.GetOkAsync($"/api/customers/{t.CustomerId}");

        var listed = await Admin.GetOkAsync("/api/api-keys?limit=200");
        var item = listed.GetProperty("items").EnumerateArray().Single(i => i.Id() == created.Id());
        Assert.False(item.TryGetProperty("key", out _));
        Assert.DoesNotContain(token, listed.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/api-keys/{created.Id()}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/customers/{t.CustomerId}"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CurrentApiKey_TellsEachKeyItsRoleAndBindings_NeverItsSecret()
    {
        var t = await Tenant.CreateAsync(silo, "Whoami");
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);
        using var consumer = silo.CreateClient(t.Keys[Roles.Consumer]);
        using var anonymous = silo.CreateClient(null);

        var company = await patrol.GetOkAsync("/api/api-keys/current");
        Assert.Equal(Roles.Enforcement, company.GetProperty("role").GetString());
        Assert.Equal(t.CompanyId, company.GetProperty("enforcementCompanyId").GetGuid());
        Assert.Empty(company.GetProperty("managedUnitIds").EnumerateArray());
        var units = await manager.GetOkAsync("/api/api-keys/current");
        Assert.Equal(t.UserId, units.GetProperty("userId").GetGuid());
        Assert.Equal(t.CustomerId, units.GetProperty("customerId").GetGuid());
        Assert.Equal([t.UnitId], units.GetProperty("managedUnitIds").EnumerateArray().Select(static u => u.GetGuid()));
        var driver = await consumer.GetOkAsync("/api/api-keys/current");
        Assert.Equal(t.ConsumerId, driver.GetProperty("consumerId").GetGuid());
        Assert.DoesNotContain(t.Keys[Roles.Consumer], driver.GetRawText(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/api-keys/current"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("vrps_00000000000000000000000000000000_forged")]
    public async Task AnyApiRoute_MissingOrForgedKey_Is401Problem(string? bearer)
    {
        using var client = silo.CreateClient(bearer);

        var response = await client.GetAsync($"/api/customers/{Guid.NewGuid()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task OperatorKey_RunsItsOwnTree_ButCannotCreateCustomersOrSuspendItself()
    {
        var t = await Tenant.CreateAsync(silo, "Ops");
        using var ops = silo.CreateClient(t.Keys[Roles.Operator]);

        var property = await ops.PostOkAsync($"/api/customers/{t.CustomerId}/properties", new { name = "Annex", timezone = "America/Chicago" });
        await ops.PostOkAsync($"/api/properties/{property.Id()}/lots", new { name = "Annex Lot", capacity = 10 });

        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/customers", new { name = "Mine" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(
            await ops.PatchAsJsonAsync($"/api/customers/{t.CustomerId}", new { status = "suspended" }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ManagerKey_SeesOnlyTheUnitsItManages_AndChangesNothing()
    {
        var t = await Tenant.CreateAsync(silo, "Mgr");
        var otherUnit = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/units", new { name = "Not mine", maxConcurrentPasses = 1 })).Id();
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);

        await manager.GetOkAsync($"/api/units/{t.UnitId}");
        await manager.GetOkAsync($"/api/lots/{t.LotId}");
        await ProblemAssert.IsProblemAsync(await manager.GetAsync($"/api/units/{otherUnit}"), HttpStatusCode.NotFound, "not_found");
        var units = await manager.GetOkAsync($"/api/properties/{t.PropertyId}/units");
        Assert.Equal([t.UnitId], units.GetProperty("items").EnumerateArray().Select(static u => u.Id()));
        await ProblemAssert.IsProblemAsync(
            await manager.PatchAsJsonAsync($"/api/units/{t.UnitId}", new { maxConcurrentPasses = 99 }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task EnforcementKey_NarrowedToOneLot_SeesThatLotOnly()
    {
        var t = await Tenant.CreateAsync(silo, "Patrol");
        var second = (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/lots", new { name = "Second", capacity = 5 })).Id();
        await Admin.PutOkAsync($"/api/enforcement-companies/{t.CompanyId}/properties/{t.PropertyId}", new { lotIds = new[] { second } });
        using var patrol = silo.CreateClient(t.Keys[Roles.Enforcement]);

        await patrol.GetOkAsync($"/api/lots/{second}");
        await ProblemAssert.IsProblemAsync(await patrol.GetAsync($"/api/lots/{t.LotId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await patrol.GetAsync($"/api/units/{t.UnitId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(
            await patrol.PatchAsJsonAsync($"/api/lots/{second}", new { capacity = 1 }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Audit_ManagerAndLotGrants_RecordActorBeforeAndAfter()
    {
        var t = await Tenant.CreateAsync(silo, "Trail");
        using var ops = silo.CreateClient(t.Keys[Roles.Operator]);
        await ops.SendOkAsync(HttpMethod.Delete, $"/api/units/{t.UnitId}/managers/{t.UserId}");

        var trail = await ops.GetOkAsync($"/api/audit?entityId={t.UnitId}");

        var records = trail.GetProperty("items").EnumerateArray().Select(static e => e.GetProperty("record")).ToList();
        Assert.Equal(["created", "manager_added", "lot_granted", "manager_removed"], records.Select(static r => r.GetProperty("action").GetString()));
        var removal = records[^1];
        Assert.Equal(Roles.Operator, removal.GetProperty("actor").GetProperty("role").GetString());
        Assert.Contains(removal.GetProperty("before").GetProperty("managerIds").EnumerateArray(), m => m.GetGuid() == t.UserId);
        Assert.Empty(removal.GetProperty("after").GetProperty("managerIds").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"colour\": \"red\"}", "colour")]
    [InlineData("{\"mode\": \"sometimes\"}", "mode")]
    [InlineData("{\"capacity\": \"lots\"}", "capacity")]
    [InlineData("{\"capacity\": -1}", "capacity")]
    public async Task PatchLot_BadField_Is400NamingTheField(string body, string field)
    {
        var t = await Tenant.CreateAsync(silo, "Bad");

        var response = await Admin.PatchAsync($"/api/lots/{t.LotId}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("{\"name\": \"L\", \"capacity\": \"ten\"}", "malformed_request")]
    [InlineData("{\"name\": \"L\"}", "validation_failed")]
    [InlineData("{\"name\": \"L\", \"capacity\": 5, \"mode\": \"open-ish\"}", "validation_failed")]
    public async Task CreateLot_BadBody_Is400Problem(string body, string code)
    {
        var t = await Tenant.CreateAsync(silo, "Body");

        var response = await Admin.PostAsync($"/api/properties/{t.PropertyId}/lots", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task SwaggerDocument_DescribesBearerAuthAndEveryRoute()
    {
        var document = await Admin.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/lots/{id}/peer-properties/{propertyId}", "/api/units/{id}/managers/{userId}", "/api/api-keys", "/api/audit" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
