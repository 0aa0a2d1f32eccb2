using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Grains.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using Vrps.Interfaces;
using Vrps.Interfaces.Webhooks;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>P4: webhooks over real HTTP, delivering to a receiver on loopback.</summary>
public sealed class WebhookApiTests : IAsyncLifetime
{
    private const int MaxAttempts = 4;

    private static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(200);

    private readonly List<WebhookReceiver> receivers = [];
    private ApiSilo silo = null!;
    private Tenant tenant = null!;
    private HttpClient operatorClient = null!;

    public async Task InitializeAsync()
    {
        // Short retries for this silo only. Private targets stay allowed (ApiSilo's default): the receivers are on loopback.
        silo = await ApiSilo.StartAsync(
            await TestPostgres.CreateDatabaseAsync("webhooks"),
            settings: [
                $"--{WebhookOptions.Section}:RetryBaseDelay", RetryBaseDelay.ToString("c", CultureInfo.InvariantCulture),
                $"--{WebhookOptions.Section}:MaxAttempts", MaxAttempts.ToString(CultureInfo.InvariantCulture)]);
        tenant = await Tenant.CreateAsync(silo, "Alpha");
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
    public async Task PostWebhook_LotCreated_DeliversAPayloadSignedTheStandardWebhooksWay()
    {
        var (url, received) = await StartReceiverAsync(static _ => 200);
        var created = await CreateWebhookAsync(url, "lot.created");
        var webhookId = created.Id();
        var secret = created.GetProperty("secret").GetString()!;

        var lotId = await CreateLotAsync("North");
        await Eventually.HoldsAsync(() => !received.IsEmpty, "the receiver got the delivery");

        var (headers, _, body, _) = Assert.Single(received);
        var payload = JsonDocument.Parse(body).RootElement;
        var sequence = payload.GetProperty("sequence").GetInt64();
        var id = headers["webhook-id"];
        var timestamp = headers["webhook-timestamp"];
        Assert.Equal($"{webhookId}:{sequence}", id);
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        // The recipe by hand, independently of the code under test: HMAC-SHA256 keyed with what follows "whsec_", base64-decoded.
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        Assert.Equal(expected, headers["webhook-signature"]);
        Assert.Equal(id, payload.GetProperty("id").GetString());
        Assert.Equal("lot.created", payload.GetProperty("type").GetString());
        Assert.Equal(lotId, payload.GetProperty("data").GetProperty("id").GetGuid());
        Assert.True(payload.TryGetProperty("occurredAt", out _));

        var delivery = await SingleDeliveryAsync(webhookId, WebhookDeliveryStatuses.Delivered);
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(sequence, delivery.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Delivery_LotCreated_VerifiesWithTheStandardWebhooksLibrary()
    {
        var (url, received) = await StartReceiverAsync(static _ => 200);
        var secret = (await CreateWebhookAsync(url, "lot.created")).GetProperty("secret").GetString()!;

        await CreateLotAsync("Nørth – Ü");
        await Eventually.HoldsAsync(() => !received.IsEmpty, "the receiver got the delivery");

        var request = Assert.Single(received);
        Assert.Null(Record.Exception(() => new StandardWebhook(secret).Verify(request.Body, request.HeaderDictionary)));
    }

    [Fact]
    public async Task Delivery_Retried_KeepsTheWebhookIdAndEveryAttemptVerifies()
    {
        var (url, received) = await StartReceiverAsync(static attempt => attempt == 1 ? 503 : 200);
        var secret = (await CreateWebhookAsync(url, "lot.created")).GetProperty("secret").GetString()!;

        await CreateLotAsync("North");
        await Eventually.HoldsAsync(() => received.Count >= 2, "the retry arrived");

        var attempts = received.ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Headers["webhook-id"], attempts[1].Headers["webhook-id"]);
        var verifier = new StandardWebhook(secret);
        Assert.All(attempts, attempt => Assert.Null(Record.Exception(() => verifier.Verify(attempt.Body, attempt.HeaderDictionary))));
    }

    [Fact]
    public async Task PostWebhook_Created_ShowsTheSecretOnlyInTheCreateResponse()
    {
        var created = await CreateWebhookAsync("https://receiver.example/hooks", "lot.created", "unit.created");

        var read = await operatorClient.GetOkAsync($"/api/webhooks/{created.Id()}");
        var listed = await operatorClient.GetOkAsync($"/api/customers/{tenant.CustomerId}/webhooks");

        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(tenant.CustomerId, created.GetProperty("customerId").GetGuid());
        Assert.Equal(["lot.created", "unit.created"], created.GetProperty("eventTypes").EnumerateArray().Select(static t => t.GetString()));
        Assert.False(read.TryGetProperty("secret", out _));
        Assert.Equal("https://receiver.example/hooks", read.GetProperty("url").GetString());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), w => w.Id() == created.Id());
        Assert.DoesNotContain(created.GetProperty("secret").GetString()!, listed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_ReceiverFailsTwiceThenAccepts_RetriesByReminderAndRecordsThreeAttempts()
    {
        var (url, received) = await StartReceiverAsync(static attempt => attempt <= 2 ? 500 : 200);
        var webhookId = (await CreateWebhookAsync(url, "lot.created")).Id();

        await CreateLotAsync("North");
        await Eventually.HoldsAsync(() => received.Count >= 3, "the receiver saw three attempts");

        var delivery = await SingleDeliveryAsync(webhookId, WebhookDeliveryStatuses.Delivered);
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        var attempts = received.ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(static a => JsonDocument.Parse(a.Body).RootElement.GetProperty("id").GetString()).Distinct());
        // Backoff: the first retry waits the base delay, the second twice that.
        Assert.True(Stopwatch.GetElapsedTime(attempts[0].At, attempts[1].At) >= RetryBaseDelay * 0.9);
        Assert.True(Stopwatch.GetElapsedTime(attempts[1].At, attempts[2].At) >= RetryBaseDelay * 1.8);
        var webhook = await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}");
        Assert.Equal("active", webhook.GetProperty("status").GetString());
        Assert.Equal(0, webhook.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task Delivery_ReceiverAlwaysFails_FailsTheDeliveryAndDisablesTheWebhook()
    {
        var (url, received) = await StartReceiverAsync(static _ => 500);
        var webhookId = (await CreateWebhookAsync(url, "lot.created")).Id();

        await CreateLotAsync("North");
        await Eventually.HoldsAsync(
            async () => (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}")).GetProperty("status").GetString() == "disabled",
            "the webhook is disabled",
            TimeSpan.FromSeconds(30));

        var webhook = await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}");
        Assert.Equal("too_many_failures", webhook.GetProperty("disabledReason").GetString());
        var delivery = await SingleDeliveryAsync(webhookId, WebhookDeliveryStatuses.Failed);
        Assert.Equal(MaxAttempts, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(500, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(MaxAttempts, received.Count);
    }

    [Fact]
    public async Task DeleteWebhook_Disables_AndLaterEventsAreNotDelivered()
    {
        var (disabledUrl, disabledReceived) = await StartReceiverAsync(static _ => 200);
        var (activeUrl, activeReceived) = await StartReceiverAsync(static _ => 200);
        var disabledId = (await CreateWebhookAsync(disabledUrl, "lot.created")).Id();
        await CreateWebhookAsync(activeUrl, "lot.created");

        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/webhooks/{disabledId}")).StatusCode);
        await CreateLotAsync("North");
        // The still-active webhook of the same customer got the event: the disabled one was handed it too, and refused it.
        await Eventually.HoldsAsync(() => !activeReceived.IsEmpty, "the active webhook got the event");

        var webhook = await operatorClient.GetOkAsync($"/api/webhooks/{disabledId}");
        Assert.Equal("disabled", webhook.GetProperty("status").GetString());
        Assert.Equal("disabled_by_request", webhook.GetProperty("disabledReason").GetString());
        Assert.Empty(disabledReceived);
        Assert.Empty((await operatorClient.GetOkAsync($"/api/webhooks/{disabledId}/deliveries")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task EnqueueAsync_EventsHandedOverAgain_AreDeliveredOnce()
    {
        var (url, received) = await StartReceiverAsync(static _ => 200);
        var webhookId = (await CreateWebhookAsync(url, "lot.created")).Id();
        await CreateLotAsync("North");
        await Eventually.HoldsAsync(() => !received.IsEmpty, "the first delivery");
        var first = JsonDocument.Parse(received.Single().Body).RootElement;

        // What the at-least-once consumer does after a crash: hand the same event over again.
        var repeat = new WebhookEvent(first.GetProperty("sequence").GetInt64(), "lot.created", first.GetProperty("occurredAt").GetDateTimeOffset());
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookGrain>(webhookId);
        await grain.EnqueueAsync([repeat]);
        await grain.EnqueueAsync([repeat]);
        // Deliveries go in sequence order, so once a later event arrived, a repeat would have arrived before it.
        var later = await CreateLotAsync("South");
        await Eventually.HoldsAsync(() => received.Count >= 2, "the later delivery");

        var bodies = received.Select(static r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(later, bodies[1].GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal(2, (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}/deliveries")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Delivery_ReceiverRedirects_IsNotFollowedAndCountsAsAFailedAttempt()
    {
        var (elsewhereUrl, elsewhereReceived) = await StartReceiverAsync(static _ => 200);
        var redirecting = await WebhookReceiver.StartAsync(_ => Results.Redirect(elsewhereUrl, permanent: false, preserveMethod: true));
        receivers.Add(redirecting);
        var webhookId = (await CreateWebhookAsync(redirecting.Url, "lot.created")).Id();

        await CreateLotAsync("North");
        await Eventually.HoldsAsync(() => !redirecting.Received.IsEmpty, "the redirecting receiver got the delivery");

        await Eventually.HoldsAsync(
            async () => (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}/deliveries")).GetProperty("items")
                .EnumerateArray().Any(static d => d.GetProperty("attempts").GetInt32() >= 1),
            "the attempt is recorded");
        var delivery = (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}/deliveries")).GetProperty("items")[0];
        Assert.Equal(307, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Empty(elsewhereReceived);
    }

    [Theory]
    [InlineData("ftp://receiver.example/hooks", "lot.created", "url")]
    [InlineData("/relative/hooks", "lot.created", "url")]
    [InlineData("https://user:pass@receiver.example/hooks", "lot.created", "url")]
    [InlineData("https://receiver.example/hooks", "lot.exploded", "eventTypes")]
    [InlineData("https://receiver.example/hooks", null, "eventTypes")]
    public async Task PostWebhook_InvalidUrlOrEventTypes_Is400WithTheField(string url, string? eventType, string field)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/webhooks", new { url, eventTypes = eventType is null ? Array.Empty<string>() : [eventType] });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task PostWebhook_PlatformAdminWithoutCustomerId_Is400OnCustomerId()
    {
        var response = await silo.Client.PostAsJsonAsync("/api/webhooks", new { url = "https://receiver.example/hooks", eventTypes = new[] { "*" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("customerId", out _));
    }

    [Fact]
    public async Task GetWebhook_AnotherTenantsOperator_Is404AndCannotDisableIt()
    {
        var webhookId = (await CreateWebhookAsync("https://receiver.example/hooks", "*")).Id();
        var beta = await Tenant.CreateAsync(silo, "Beta");
        using var betaOperator = silo.CreateClient(beta.Keys[Roles.Operator]);

        await ProblemAssert.IsProblemAsync(await betaOperator.GetAsync($"/api/webhooks/{webhookId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await betaOperator.GetAsync($"/api/webhooks/{webhookId}/deliveries"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await betaOperator.DeleteAsync($"/api/webhooks/{webhookId}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal("active", (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}")).GetProperty("status").GetString());
    }

    private async Task<JsonElement> CreateWebhookAsync(string url, params string[] eventTypes)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/webhooks", new { url, eventTypes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Guid> CreateLotAsync(string name) =>
        (await operatorClient.PostOkAsync($"/api/properties/{tenant.PropertyId}/lots", new { name, capacity = 10 })).Id();

    /// <summary>Waits until the webhook's only delivery reaches <paramref name="status"/>, and returns it.</summary>
    private async Task<JsonElement> SingleDeliveryAsync(Guid webhookId, string status)
    {
        JsonElement delivery = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                var items = (await operatorClient.GetOkAsync($"/api/webhooks/{webhookId}/deliveries")).GetProperty("items");
                delivery = items.GetArrayLength() == 1 ? items[0] : default;
                return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("status").GetString() == status;
            },
            $"the delivery is {status}");
        return delivery;
    }

    private async Task<(string Url, ConcurrentQueue<ReceivedRequest> Received)> StartReceiverAsync(Func<int, int> statusOfAttempt)
    {
        var receiver = await WebhookReceiver.StartAsync(statusOfAttempt);
        receivers.Add(receiver);
        return (receiver.Url, receiver.Received);
    }
}
