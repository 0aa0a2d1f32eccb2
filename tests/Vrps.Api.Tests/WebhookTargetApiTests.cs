using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vrps.Api.Problems;
using Vrps.Grains.Webhooks;
using Vrps.Interfaces;
using Vrps.Interfaces.Webhooks;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Issue 9: webhooks must not reach our own network. This silo leaves Vrps:Webhooks:AllowPrivateTargets unset, so it
/// runs with the shipped default.
/// </summary>
public sealed class WebhookTargetApiTests : IAsyncLifetime
{
    private readonly List<WebhookReceiver> receivers = [];
    private ApiSilo silo = null!;
    private Tenant tenant = null!;
    private HttpClient operatorClient = null!;

    public async Task InitializeAsync()
    {
        silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("webhook_targets"), allowPrivateWebhookTargets: false);
        // Tenant.CreateAsync subscribes a loopback URL; only while it runs are private targets allowed.
        tenant = await WithPrivateTargetsAllowedAsync(() => Tenant.CreateAsync(silo, "Alpha"));

        operatorClient = silo.CreateClient(tenant.Keys[Roles.Operator]);
    }

    public async Task DisposeAsync()
    {
        operatorClient.Dispose();
        await silo.DisposeAsync();
        foreach (var receiver in receivers)
        {
            await receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateWebhook_LoopbackUrl_Returns422WebhookUrlNotAllowed()
    {
        await AssertNotAllowedAsync("http://127.0.0.1:8080/hooks");
    }

    [Fact]
    public async Task CreateWebhook_CloudMetadataAddress_Returns422WebhookUrlNotAllowed()
    {
        await AssertNotAllowedAsync("http://169.254.169.254/latest/meta-data/");
    }

    [Fact]
    public async Task CreateWebhook_Localhost_Returns422WebhookUrlNotAllowed()
    {
        await AssertNotAllowedAsync("http://localhost:5080/hooks");
    }

    [Theory]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("https://192.168.0.10/hooks")]
    [InlineData("http://100.64.0.1/hooks")]
    [InlineData("http://[fd00::1]/hooks")]
    [InlineData("http://[::ffff:127.0.0.1]/hooks")]
    [InlineData("http://[::ffff:169.254.169.254]/hooks")]
    [InlineData("http://0.0.0.0/hooks")]
    [InlineData("http://2130706433/hooks")]
    [InlineData("http://0x7f.1/hooks")]
    [InlineData("http://api.localhost/hooks")]
    public async Task CreateWebhook_PrivateOrDisguisedAddress_Returns422WebhookUrlNotAllowed(string url)
    {
        await AssertNotAllowedAsync(url);
    }

    [Fact]
    public async Task CreateWebhook_PublicAddress_Returns201()
    {
        var response = await operatorClient.PostAsJsonAsync("/api/webhooks", new { url = "https://203.0.114.7/hooks", eventTypes = new[] { "lot.created" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Delivery_TargetNotAllowedAtDeliveryTime_NeverReachesTheReceiverAndRecordsTheRefusal()
    {
        // Stands in for a name that resolved to a public address at creation and to ours by delivery (DNS rebinding):
        // the webhook is created while private targets are allowed, and delivered after they no longer are.
        var receiver = await WebhookReceiver.StartAsync(static _ => 200);
        receivers.Add(receiver);
        var webhookId = (await WithPrivateTargetsAllowedAsync(
            () => operatorClient.PostOkAsync("/api/webhooks", new { url = receiver.Url, eventTypes = new[] { "lot.created" } }))).Id();

        await operatorClient.PostOkAsync($"/api/properties/{tenant.PropertyId}/lots", new { name = "North", capacity = 10 });
        JsonElement delivery = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                var items = (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}/deliveries")).GetProperty("items");
                delivery = items.GetArrayLength() == 1 ? items[0] : default;
                return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("attempts").GetInt32() >= 1;
            },
            "the first attempt is recorded");

        Assert.Empty(receiver.Received);
        Assert.NotEqual(WebhookDeliveryStatuses.Delivered, delivery.GetProperty("status").GetString());
        Assert.False(delivery.TryGetProperty("lastStatusCode", out _), delivery.GetRawText());
        Assert.Contains("loopback", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    private async Task AssertNotAllowedAsync(string url)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/webhooks", new { url, eventTypes = new[] { "lot.created" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemCodes.WebhookUrlNotAllowed);
    }

    /// <summary>Runs <paramref name="action"/> with private targets allowed; the grains read the options on every call.</summary>
    private async Task<T> WithPrivateTargetsAllowedAsync<T>(Func<Task<T>> action)
    {
        var cache = silo.Services.GetRequiredService<IOptionsMonitorCache<WebhookOptions>>();
        cache.TryRemove(Options.DefaultName);
        cache.TryAdd(Options.DefaultName, new WebhookOptions { AllowPrivateTargets = true });
        try
        {
            return await action();
        }
        finally
        {
            // Removing the override makes the next read bind the configuration again: the default, refusing.
            cache.TryRemove(Options.DefaultName);
        }
    }
}
