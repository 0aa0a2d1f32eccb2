using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Service tickets (T1–T4): the state machine, SLA clocks on durable reminders, and the activity log, over HTTP.</summary>
public sealed class TicketApiTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("tickets"), clock);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task SlaReminders_ClockReachesEachThreshold_WarningEscalationsAndBreachFireAtTheirInstants()
    {
        var t = await Tenant.CreateAsync(silo, "Sla");
        await PolicyAsync(t, new
        {
            categoryPattern = "*", priority = "*", firstResponseMinutes = 60, resolutionMinutes = 100, warningPercent = 80,
            escalations = new[] { new { level = 1, afterMinutes = 30, target = "supervisor" }, new { level = 2, afterMinutes = 90, target = "manager" } },
        });
        var t0 = clock.GetUtcNow();
        var ticket = await CreateAsync(t, "PC-PLUMBING", "normal");

        var resolution = ticket.GetProperty("resolution");
        Assert.Equal(t0.AddMinutes(80), resolution.GetProperty("warningAt").GetDateTimeOffset());
        Assert.Equal(t0.AddMinutes(100), resolution.GetProperty("breachAt").GetDateTimeOffset());
        Assert.Equal(t0.AddMinutes(60), ticket.GetProperty("firstResponse").GetProperty("breachAt").GetDateTimeOffset());

        AdvanceTo(t0.AddMinutes(29));
        await StaysAsync(ticket.Id(), "escalated");
        AdvanceTo(t0.AddMinutes(30));
        await FiredAsync(ticket.Id(), "escalated", t0.AddMinutes(30));

        AdvanceTo(t0.AddMinutes(48));
        await FiredAsync(ticket.Id(), "sla_warning", t0.AddMinutes(48));
        await Admin.PostOkAsync($"/api/tickets/{ticket.Id()}/assign", new { assignee = "Pat Plumber" });

        AdvanceTo(t0.AddMinutes(80));
        await FiredAsync(ticket.Id(), "sla_warning", t0.AddMinutes(80));
        AdvanceTo(t0.AddMinutes(90));
        await FiredAsync(ticket.Id(), "escalated", t0.AddMinutes(90));
        AdvanceTo(t0.AddMinutes(100));
        await FiredAsync(ticket.Id(), "sla_breached", t0.AddMinutes(100));

        var final = await Admin.GetOkAsync($"/api/tickets/{ticket.Id()}");
        Assert.Equal([1, 2], final.GetProperty("escalatedLevels").EnumerateArray().Select(static e => e.GetInt32()));
        Assert.True(final.GetProperty("resolution").GetProperty("breached").GetBoolean());
        Assert.False(final.GetProperty("firstResponse").GetProperty("breached").GetBoolean());
        var alerts = Activity(final).Where(static a => a.GetProperty("type").GetString()!.StartsWith("sla_", StringComparison.Ordinal)).ToList();
        Assert.Equal(["first_response", "resolution", "resolution"], alerts.Select(static a => a.GetProperty("details").GetProperty("clock").GetString()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var feed = await Admin.GetStringAsync(new Uri($"/api/events?customerId={t.CustomerId}&types=ticket.escalated,ticket.sla_breached&limit=3", UriKind.Relative), timeout.Token);
        Assert.Contains("\"target\":\"supervisor\"", feed, StringComparison.Ordinal);
        Assert.Contains("\"target\":\"manager\"", feed, StringComparison.Ordinal);
        Assert.Contains("ticket.sla_breached", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hold_ThirtyMinutes_MovesTheBreachThirtyMinutesLater()
    {
        var t = await Tenant.CreateAsync(silo, "Hold");
        await PolicyAsync(t, new { categoryPattern = "PC-*", priority = "*", firstResponseMinutes = 15, resolutionMinutes = 120, warningPercent = 90, escalations = Array.Empty<object>() });
        var t0 = clock.GetUtcNow();
        var id = (await CreateAsync(t, "PC-PLUMBING", "high")).Id();
        await Admin.PostOkAsync($"/api/tickets/{id}/start", new { });

        AdvanceTo(t0.AddMinutes(10));
        var held = await Admin.PostOkAsync($"/api/tickets/{id}/hold", new { });
        Assert.True(held.GetProperty("resolution").GetProperty("paused").GetBoolean());
        Assert.False(held.GetProperty("resolution").TryGetProperty("breachAt", out _));
        AdvanceTo(t0.AddMinutes(40));
        var resumed = await Admin.PostOkAsync($"/api/tickets/{id}/resume", new { });

        Assert.Equal(t0.AddMinutes(150), resumed.GetProperty("resolution").GetProperty("breachAt").GetDateTimeOffset());
        Assert.Equal(10, resumed.GetProperty("resolution").GetProperty("elapsedMinutes").GetDouble());
        AdvanceTo(t0.AddMinutes(149));
        await StaysAsync(id, "sla_breached");
        AdvanceTo(t0.AddMinutes(150));
        await FiredAsync(id, "sla_breached", t0.AddMinutes(150));
    }

    [Fact]
    public async Task Create_RetriedWithSameKeyAfterItsStoredAnswerIsGone_IsTheSameTicket()
    {
        // A client whose first attempt timed out (no stored answer) retries with the same Idempotency-Key; here the
        // stored answer is gone because its retention passed, so only the derived ticket id keeps it from doubling.
        var t = await Tenant.CreateAsync(silo, "RetryTicket");
        async Task<JsonElement> OpenWithKeyAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/properties/{t.PropertyId}/tickets")
            {
                Content = JsonContent.Create(new { category = "PC-PLUMBING", priority = "normal", title = "Drip in 2A" }),
            };
            request.Headers.Add("Idempotency-Key", "ticket-retry-1");
            using var response = await Admin.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
            return JsonDocument.Parse(body).RootElement;
        }

        var first = await OpenWithKeyAsync();
        clock.Advance(TimeSpan.FromHours(25));
        var retried = await OpenWithKeyAsync();

        Assert.Equal(first.Id(), retried.Id());
        var items = (await Admin.GetOkAsync($"/api/properties/{t.PropertyId}/tickets")).GetProperty("items").EnumerateArray();
        Assert.Single(items, static i => i.GetProperty("title").GetString() == "Drip in 2A");
    }

    [Fact]
    public async Task BusinessHours_TicketOpenedFridayEvening_BreachesOnMonday()
    {
        var t = await Tenant.CreateAsync(silo, "Hours");
        var property = (await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/properties", new { name = "Hudson House", timezone = "America/New_York" })).Id();
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(static d => new { day = d, open = "09:00", close = "17:00" }).ToArray();
        await PolicyAsync(t, new { categoryPattern = "PC-PLUMBING", priority = "urgent", firstResponseMinutes = 60, resolutionMinutes = 120, warningPercent = 50, businessHours = weekdays, escalations = Array.Empty<object>() });
        var friday = FridayEveningAfter(clock.GetUtcNow());
        var monday = LocalToUtc(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(friday, NewYork).DateTime).AddDays(3), 9);
        AdvanceTo(friday);

        var ticket = await Admin.PostOkAsync($"/api/properties/{property}/tickets", new { category = "PC-PLUMBING", priority = "urgent", title = "Burst pipe", reporter = "front desk" });

        Assert.Equal(monday.AddHours(1), ticket.GetProperty("firstResponse").GetProperty("breachAt").GetDateTimeOffset());
        Assert.Equal(monday.AddHours(2), ticket.GetProperty("resolution").GetProperty("breachAt").GetDateTimeOffset());
        AdvanceTo(monday.AddMinutes(-1));
        await StaysAsync(ticket.Id(), "sla_warning");
        Assert.Equal(0, (await Admin.GetOkAsync($"/api/tickets/{ticket.Id()}")).GetProperty("resolution").GetProperty("elapsedMinutes").GetDouble());
        AdvanceTo(monday.AddMinutes(60));
        await FiredAsync(ticket.Id(), "sla_breached", monday.AddMinutes(60));
        AdvanceTo(monday.AddMinutes(120));
        await Eventually.HoldsAsync(
            async () => Activity(await Admin.GetOkAsync($"/api/tickets/{ticket.Id()}")).Count(static a => a.GetProperty("type").GetString() == "sla_breached") == 2,
            "both clocks breach on Monday");
    }

    [Fact]
    public async Task PatchPriority_ToUrgent_MovesTheBreachToTheUrgentTarget()
    {
        var t = await Tenant.CreateAsync(silo, "Prio");
        await PolicyAsync(
            t,
            new { categoryPattern = "*", priority = "normal", firstResponseMinutes = 120, resolutionMinutes = 240, warningPercent = 80, escalations = Array.Empty<object>() },
            new { categoryPattern = "*", priority = "urgent", firstResponseMinutes = 15, resolutionMinutes = 60, warningPercent = 80, escalations = Array.Empty<object>() });
        var t0 = clock.GetUtcNow();
        var id = (await CreateAsync(t, "HK-CLEANING", "normal")).Id();
        AdvanceTo(t0.AddMinutes(10));

        var urgent = await Admin.SendOkAsync(HttpMethod.Patch, $"/api/tickets/{id}", new { priority = "urgent" });

        Assert.Equal("urgent", urgent.GetProperty("priority").GetString());
        Assert.Equal(t0.AddMinutes(60), urgent.GetProperty("resolution").GetProperty("breachAt").GetDateTimeOffset());
        Assert.Equal(60, urgent.GetProperty("policy").GetProperty("resolutionMinutes").GetInt32());
        AdvanceTo(t0.AddMinutes(59));
        await StaysAsync(id, "sla_breached", count: 1);
        AdvanceTo(t0.AddMinutes(60));
        await Eventually.HoldsAsync(
            async () => Activity(await Admin.GetOkAsync($"/api/tickets/{id}")).Any(a => a.GetProperty("type").GetString() == "sla_breached"
                && a.GetProperty("details").GetProperty("clock").GetString() == "resolution"
                && DateTimeOffset.Parse(a.GetProperty("details").GetProperty("dueAt").GetString()!, CultureInfo.InvariantCulture) == t0.AddMinutes(60)),
            "the resolution clock breaches at the urgent target");
    }

    [Fact]
    public async Task Actions_IllegalTransition_Is409NamingTheState()
    {
        var t = await Tenant.CreateAsync(silo, "Illegal");
        var id = (await CreateAsync(t, "PC-PLUMBING", "low")).Id();

        var resolve = await ProblemAssert.IsProblemAsync(await Admin.PostAsJsonAsync($"/api/tickets/{id}/resolve", new { }), HttpStatusCode.Conflict, "invalid_transition");
        await Admin.PostOkAsync($"/api/tickets/{id}/start", new { });
        var close = await ProblemAssert.IsProblemAsync(await Admin.PostAsJsonAsync($"/api/tickets/{id}/close", new { }), HttpStatusCode.Conflict, "invalid_transition");

        Assert.Contains("new", resolve.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("in_progress", close.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityLog_EveryChange_ListedInOrderWithActorAndTime()
    {
        var t = await Tenant.CreateAsync(silo, "Log");
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        var id = (await operatorClient.PostOkAsync($"/api/properties/{t.PropertyId}/tickets", new { category = "PC-ELECTRIC", priority = "high", title = "No power in 4B", unitId = t.UnitId })).Id();
        foreach (var action in new[] { "start", "hold", "resume", "resolve", "reopen", "resolve", "close" })
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await operatorClient.PostOkAsync($"/api/tickets/{id}/{action}", new { });
        }

        await operatorClient.PostOkAsync($"/api/tickets/{id}/reopen", new { });
        await operatorClient.PostOkAsync($"/api/tickets/{id}/assign", new { assignee = "Eli Electrician" });
        await operatorClient.SendOkAsync(HttpMethod.Patch, $"/api/tickets/{id}", new { priority = "emergency" });
        await operatorClient.PostOkAsync($"/api/tickets/{id}/cancel", new { });

        var ticket = await operatorClient.GetOkAsync($"/api/tickets/{id}");
        var log = Activity(ticket);
        Assert.Equal(
            ["created", "started", "held", "resumed", "resolved", "reopened", "resolved", "closed", "reopened", "assigned", "priority_changed", "cancelled"],
            log.Select(static a => a.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(1, log.Count), log.Select(static a => a.GetProperty("sequence").GetInt32()));
        Assert.All(log, a => Assert.Equal(Roles.Operator, a.GetProperty("actor").GetProperty("role").GetString()));
        Assert.Equal(clock.GetUtcNow(), log[^1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("Eli Electrician", log[9].GetProperty("details").GetProperty("assignee").GetString());
        Assert.Equal("cancelled", ticket.GetProperty("status").GetString());
        var paged = await operatorClient.GetOkAsync($"/api/tickets/{id}/activity?limit=5");
        Assert.Equal(5, paged.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CreateTicket_ManagerOfTheUnitOrNot_IsCreatedOrForbidden()
    {
        var t = await Tenant.CreateAsync(silo, "Mgr");
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);

        var own = await manager.PostOkAsync($"/api/properties/{t.PropertyId}/tickets", new { category = "PC-PLUMBING", priority = "normal", title = "Drip", unitId = t.UnitId });
        var propertyWide = await manager.PostAsJsonAsync($"/api/properties/{t.PropertyId}/tickets", new { category = "PC-PLUMBING", priority = "normal", title = "Lobby" });
        var badCategory = await Admin.PostAsJsonAsync($"/api/properties/{t.PropertyId}/tickets", new { category = "plumbing", priority = "normal", title = "Drip" });

        Assert.Equal(t.UnitId, own.GetProperty("unitId").GetGuid());
        await ProblemAssert.IsProblemAsync(propertyWide, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(badCategory, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task SlaPolicies_PutByOperator_MostSpecificRuleWinsAndManagersCannotReachThem()
    {
        var t = await Tenant.CreateAsync(silo, "Rules");
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        var rules = new[]
        {
            new { categoryPattern = "*", priority = "*", firstResponseMinutes = 300, resolutionMinutes = 3000, warningPercent = 80 },
            new { categoryPattern = "PC-*", priority = "*", firstResponseMinutes = 200, resolutionMinutes = 2000, warningPercent = 80 },
            new { categoryPattern = "PC-PLUMBING", priority = "normal", firstResponseMinutes = 100, resolutionMinutes = 1000, warningPercent = 80 },
        };
        await operatorClient.PutOkAsync($"/api/customers/{t.CustomerId}/sla-policies", new { rules });

        var stored = await operatorClient.GetOkAsync($"/api/customers/{t.CustomerId}/sla-policies");
        Assert.Equal(3, stored.GetProperty("rules").GetArrayLength());
        Assert.Equal(1000, (await CreateAsync(t, "PC-PLUMBING", "normal")).GetProperty("resolution").GetProperty("targetMinutes").GetInt32());
        Assert.Equal(2000, (await CreateAsync(t, "PC-PLUMBING", "low")).GetProperty("resolution").GetProperty("targetMinutes").GetInt32());
        Assert.Equal(3000, (await CreateAsync(t, "HK-LINEN", "low")).GetProperty("resolution").GetProperty("targetMinutes").GetInt32());
        using var manager = silo.CreateClient(t.Keys[Roles.Manager]);
        await ProblemAssert.IsProblemAsync(
            await manager.PutAsJsonAsync($"/api/customers/{t.CustomerId}/sla-policies", new { rules }), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(
            await operatorClient.PutAsJsonAsync($"/api/customers/{t.CustomerId}/sla-policies", new { rules = new[] { new { categoryPattern = "pc", priority = "*", firstResponseMinutes = 1, resolutionMinutes = 1 } } }),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>A Friday 18:00 in New York after <paramref name="now"/>: a known weekday and local time for business hours.</summary>
    private static DateTimeOffset FridayEveningAfter(DateTimeOffset now)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, NewYork).DateTime).AddDays(1);
        while (local.DayOfWeek != DayOfWeek.Friday)
        {
            local = local.AddDays(1);
        }

        return LocalToUtc(local, 18);
    }

    private static DateTimeOffset LocalToUtc(DateOnly date, int hour) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), NewYork), TimeSpan.Zero);

    private static List<JsonElement> Activity(JsonElement ticket) => [.. ticket.GetProperty("activity").EnumerateArray()];

    private async Task PolicyAsync(Tenant t, params object[] rules) =>
        await Admin.PutOkAsync($"/api/customers/{t.CustomerId}/sla-policies", new { rules });

    private async Task<JsonElement> CreateAsync(Tenant t, string category, string priority) =>
        await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/tickets", new { category, priority, title = "Something broke" });

    private void AdvanceTo(DateTimeOffset instant) => clock.SetUtcNow(instant);

    /// <summary>Several reminder polls pass with the clock short of the instant, and nothing (more) fires.</summary>
    private async Task StaysAsync(Guid id, string type, int count = 0)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        Assert.Equal(count, Activity(await Admin.GetOkAsync($"/api/tickets/{id}")).Count(a => a.GetProperty("type").GetString() == type));
    }

    /// <summary>An entry of the type fires, stamped with exactly the expected due instant.</summary>
    private async Task FiredAsync(Guid id, string type, DateTimeOffset dueAt) =>
        await Eventually.HoldsAsync(
            async () => Activity(await Admin.GetOkAsync($"/api/tickets/{id}")).Any(a => a.GetProperty("type").GetString() == type
                && DateTimeOffset.Parse(a.GetProperty("details").GetProperty("dueAt").GetString()!, CultureInfo.InvariantCulture) == dueAt),
            $"{type} fires at {dueAt:O}");
}
