using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vrps.Testing;

namespace Vrps.Api.Tests;

public sealed class CustomerPropertyApiTests : IAsyncLifetime
{
    private string connectionString = "";
    private ApiSilo silo = null!;

    private HttpClient Client => silo.Client;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("api");
        silo = await ApiSilo.StartAsync(connectionString);
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private async Task<JsonElement> CreateCustomerAsync(string name = "Acme Property Management")
    {
        var response = await Client.PostAsJsonAsync("/api/customers", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task PostCustomer_ThenGet_ReturnsTheSameCustomer()
    {
        var created = await CreateCustomerAsync();
        var id = created.GetProperty("id").GetGuid();

        var read = await Client.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");

        Assert.Equal("Acme Property Management", read.GetProperty("name").GetString());
        Assert.Equal("active", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostProperty_UnderCustomer_CarriesParentIdAndSurvivesRestart()
    {
        var customerId = (await CreateCustomerAsync()).GetProperty("id").GetGuid();
        var response = await Client.PostAsJsonAsync($"/api/customers/{customerId}/properties", new { name = "Harbor View", timezone = "America/New_York" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var propertyId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await silo.DisposeAsync();
        silo = await ApiSilo.StartAsync(connectionString);

        var property = await Client.GetFromJsonAsync<JsonElement>($"/api/properties/{propertyId}");
        Assert.Equal(customerId, property.GetProperty("customerId").GetGuid());
        Assert.Equal("America/New_York", property.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task PostProperty_NotAnIanaZone_Is400WithTheFailingField()
    {
        var customerId = (await CreateCustomerAsync()).GetProperty("id").GetGuid();

        var response = await Client.PostAsJsonAsync($"/api/customers/{customerId}/properties", new { name = "Harbor View", timezone = "Mars/Olympus" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("timezone", out _));
    }

    [Fact]
    public async Task PostProperty_UnknownCustomer_Is404Problem()
    {
        var response = await Client.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/properties", new { name = "X", timezone = "UTC" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("/api/properties/not-a-guid")]
    [InlineData("/api/customers/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/nowhere")]
    public async Task Get_MissingOrMalformedId_Is404Problem(string path)
    {
        await ProblemAssert.IsProblemAsync(await Client.GetAsync(path), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": 5}")]
    [InlineData("[1,2,3]")]
    public async Task PostCustomer_MalformedJson_Is400Problem(string body)
    {
        var response = await Client.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task PostCustomer_EmptyName_Is400ValidationProblem()
    {
        var response = await Client.PostAsJsonAsync("/api/customers", new { name = "  " });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task PostCustomer_BodyOverTheLimit_Is413Problem()
    {
        var huge = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await Client.PostAsync("/api/customers", new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Health_And_Swagger_AreServed()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);
        var document = await Client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/customers/{id}/properties", out _));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/swagger/index.html")).StatusCode);
    }
}
