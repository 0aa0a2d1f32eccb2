using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// The Orleans dashboard (issue 11), switched on with Vrps:Dashboard:Enabled: it exposes every grain's state and load,
/// so it opens for a platform-admin key only, never anonymously. A browser sends the key as the Basic password.
/// </summary>
public sealed class DashboardApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    public async Task InitializeAsync() =>
        silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("dashboard"), settings: ["--Vrps:Dashboard:Enabled", "true"]);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task Dashboard_OpensForAPlatformAdminKeyOnly_AndAsksBrowsersForIt()
    {
        var t = await Tenant.CreateAsync(silo, "Dash");
        using var anonymous = silo.CreateClient(null);

        using var withoutKey = await anonymous.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Contains(withoutKey.Headers.WwwAuthenticate, static h => h.Scheme == "Basic");

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsBasicAsync(anonymous, t.Keys[Roles.Operator])).StatusCode);
        using var operatorBearer = silo.CreateClient(t.Keys[Roles.Operator]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await operatorBearer.GetAsync("/dashboard")).StatusCode);

        using var asAdmin = await GetAsBasicAsync(anonymous, ApiSilo.AdminKey);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("html", asAdmin.Content.Headers.ContentType?.MediaType ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await silo.Client.GetAsync("/dashboard/")).StatusCode);
    }

    // The dashboard's page is /dashboard/ (/dashboard redirects there, and HttpClient drops credentials on a redirect;
    // a browser sends them again itself).
    private static async Task<HttpResponseMessage> GetAsBasicAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + key)));
        return await client.SendAsync(request);
    }
}
