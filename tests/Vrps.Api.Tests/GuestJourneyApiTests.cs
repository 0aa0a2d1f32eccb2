using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Interfaces;
using Vrps.Interfaces.Reservations;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Guest journeys (G1–G4): stages and touchpoints on durable reminders, over HTTP on real Postgres and a fake clock.</summary>
public sealed class GuestJourneyApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Long enough for several reminder polls (50 ms in tests): what has not fired by then was not due.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    private readonly FakeTimeProvider clock = new(T0);
    private ApiSilo silo = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("journeys"), clock);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private void AdvanceTo(DateTimeOffset instant) => clock.Advance(instant - clock.GetUtcNow());

    private async Task<Guid> PropertyAsync(Tenant t, string timezone, params object[] touchpoints)
    {
        var property = (await Admin.PostOkAsync($"/api/customers/{t.CustomerId}/properties", new { name = "Beach House", timezone })).Id();
        await Admin.PutOkAsync($"/api/properties/{property}/touchpoint-schedule", new { touchpoints });
        return property;
    }

    private static object Touchpoint(string type, int offsetMinutes, string relativeTo, string channel = "email") =>
        new { type, offsetMinutes, relativeTo, channel };

    private async Task<Guid> ReserveAsync(Guid property, DateTimeOffset checkIn, DateTimeOffset checkOut) =>
        (await Admin.PostOkAsync($"/api/properties/{property}/reservations", new { guestName = "Gina Guest", guestEmail = "gina@example.com", checkIn, checkOut, channel = "direct" })).Id();

    private Task<JsonElement> JourneyAsync(Guid reservation) => Admin.GetOkAsync($"/api/reservations/{reservation}/journey");

    /// <summary>The tenant's event feed, kept to <paramref name="types"/>, ending after <paramref name="limit"/> events.</summary>
    private async Task<string> FeedAsync(Tenant t, string types, int limit)
    {
        using var operatorClient = silo.CreateClient(t.Keys[Roles.Operator]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await operatorClient.GetStringAsync($"/api/events?types={types}&limit={limit}", timeout.Token);
    }

    private static List<string> Fired(JsonElement journey) =>
        journey.GetProperty("touchpoints").EnumerateArray().Select(static t => t.GetProperty("type").GetString()!).ToList();

    private async Task FiredEventuallyAsync(Guid reservation, params string[] expected) =>
        await Eventually.HoldsAsync(async () => Fired(await JourneyAsync(reservation)).SequenceEqual(expected), $"touchpoints fired: {string.Join(", ", expected)}");

    private async Task StageEventuallyAsync(Guid reservation, string stage) =>
        await Eventually.HoldsAsync(async () => (await JourneyAsync(reservation)).GetProperty("stage").GetString() == stage, $"the journey is {stage}");

    [Fact]
    public async Task Touchpoints_ClockMoves_FireInOrderAtTheirInstants()
    {
        var t = await Tenant.CreateAsync(silo, "Order");
        var property = await PropertyAsync(t, "Europe/Paris",
            Touchpoint("thank_you", 120, "check_out"),
            Touchpoint("pre_arrival_info", -2 * 24 * 60, "check_in"),
            Touchpoint("door_code", -60, "check_in", "sms"),
            Touchpoint("checkout_reminder", -12 * 60, "check_out", "sms"));
        var checkIn = T0.AddDays(5);
        var checkOut = T0.AddDays(8);
        var reservation = await ReserveAsync(property, checkIn, checkOut);

        var planned = await JourneyAsync(reservation);
        Assert.Equal("booked", planned.GetProperty("stage").GetString());
        Assert.Equal("pre_arrival_info", planned.GetProperty("nextTouchpoint").GetProperty("type").GetString());
        Assert.Equal(checkIn.AddDays(-2), planned.GetProperty("nextTouchpoint").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(4, planned.GetProperty("pending").GetArrayLength());

        AdvanceTo(checkIn.AddDays(-2).AddSeconds(-1));
        await Task.Delay(Settle);
        Assert.Empty(Fired(await JourneyAsync(reservation)));

        AdvanceTo(checkIn.AddDays(-2));
        await FiredEventuallyAsync(reservation, "pre_arrival_info");
        AdvanceTo(checkIn.AddMinutes(-30));
        await FiredEventuallyAsync(reservation, "pre_arrival_info", "door_code");
        AdvanceTo(checkOut.AddHours(3));
        await FiredEventuallyAsync(reservation, "pre_arrival_info", "door_code", "checkout_reminder", "thank_you");

        var journey = await JourneyAsync(reservation);
        var log = journey.GetProperty("touchpoints").EnumerateArray().ToList();
        Assert.Equal(checkIn.AddMinutes(-60), log[1].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("sms", log[1].GetProperty("channel").GetString());
        Assert.All(log, static e => Assert.Equal("scheduled", e.GetProperty("source").GetString()));
        Assert.Equal(0, journey.GetProperty("pending").GetArrayLength());
        Assert.False(journey.TryGetProperty("nextTouchpoint", out _));
    }

    [Fact]
    public async Task Patch_NewDates_PendingTouchpointsMoveAndNewlyOverdueFireAtOnce()
    {
        var t = await Tenant.CreateAsync(silo, "Move");
        var property = await PropertyAsync(t, "Europe/Paris",
            Touchpoint("pre_arrival_info", -2 * 24 * 60, "check_in"),
            Touchpoint("thank_you", 120, "check_out"));
        var reservation = await ReserveAsync(property, T0.AddDays(10), T0.AddDays(12));

        var later = await Admin.SendOkAsync(HttpMethod.Patch, $"/api/reservations/{reservation}", new { checkOut = T0.AddDays(15) });
        Assert.Equal(T0.AddDays(15), later.GetProperty("checkOut").GetDateTimeOffset());
        var pending = (await JourneyAsync(reservation)).GetProperty("pending");
        Assert.Equal(T0.AddDays(15).AddHours(2), pending[1].GetProperty("dueAt").GetDateTimeOffset());

        // Check-in moves to tomorrow: the pre-arrival message was due yesterday, so it goes out now.
        await Admin.SendOkAsync(HttpMethod.Patch, $"/api/reservations/{reservation}", new { checkIn = T0.AddDays(1) });
        await FiredEventuallyAsync(reservation, "pre_arrival_info");
        var fired = (await JourneyAsync(reservation)).GetProperty("touchpoints")[0];
        Assert.Equal(T0.AddDays(-1), fired.GetProperty("dueAt").GetDateTimeOffset());

        AdvanceTo(T0.AddDays(12).AddHours(3));
        await Task.Delay(Settle);
        Assert.Equal(["pre_arrival_info"], Fired(await JourneyAsync(reservation)));

        AdvanceTo(T0.AddDays(15).AddHours(2));
        await FiredEventuallyAsync(reservation, "pre_arrival_info", "thank_you");
    }

    [Fact]
    public async Task Create_LateBooking_FiresOverdueTouchpointsAtOnceInOrder()
    {
        var t = await Tenant.CreateAsync(silo, "Late");
        var property = await PropertyAsync(t, "Europe/Paris",
            Touchpoint("arrival_tips", -24 * 60, "check_in"),
            Touchpoint("booking_confirmation", -7 * 24 * 60, "check_in"),
            Touchpoint("pre_arrival_info", -3 * 24 * 60, "check_in"),
            Touchpoint("thank_you", 120, "check_out"));

        var reservation = await ReserveAsync(property, T0.AddDays(2), T0.AddDays(4));

        await FiredEventuallyAsync(reservation, "booking_confirmation", "pre_arrival_info");
        await StageEventuallyAsync(reservation, "pre_arrival");
        var journey = await JourneyAsync(reservation);
        Assert.Equal(["arrival_tips", "thank_you"], journey.GetProperty("pending").EnumerateArray().Select(static p => p.GetProperty("type").GetString()));
        Assert.Equal(T0.AddDays(1), journey.GetProperty("nextTouchpoint").GetProperty("dueAt").GetDateTimeOffset());
        // The tenant's seeded reservation is the first reservation.created.
        var feed = await FeedAsync(t, "reservation.created,touchpoint.fired,journey.stage_changed", 5);
        Assert.Equal(4, feed.Split("event: ").Count(e => e.Contains(reservation.ToString(), StringComparison.Ordinal)));
        Assert.True(
            feed.IndexOf("booking_confirmation", StringComparison.Ordinal) < feed.IndexOf("pre_arrival_info", StringComparison.Ordinal),
            "touchpoint.fired events follow the touchpoints' order");
    }

    [Fact]
    public async Task Cancel_PendingTouchpointsAndStages_NothingFiresAfterwards()
    {
        var t = await Tenant.CreateAsync(silo, "Cancel");
        var property = await PropertyAsync(t, "Europe/Paris",
            Touchpoint("pre_arrival_info", -2 * 24 * 60, "check_in"),
            Touchpoint("thank_you", 120, "check_out"));
        var reservation = await ReserveAsync(property, T0.AddDays(5), T0.AddDays(8));

        var cancelled = await Admin.PostOkAsync($"/api/reservations/{reservation}/cancel", new { });

        Assert.Equal("cancelled", cancelled.GetProperty("stage").GetString());
        Assert.Contains(reservation.ToString(), await FeedAsync(t, "reservation.cancelled", 1), StringComparison.Ordinal);
        AdvanceTo(T0.AddDays(30));
        await Task.Delay(Settle);
        var journey = await JourneyAsync(reservation);
        Assert.Equal("cancelled", journey.GetProperty("stage").GetString());
        Assert.Empty(Fired(journey));
        Assert.Equal(0, journey.GetProperty("pending").GetArrayLength());
        Assert.False(journey.TryGetProperty("nextStage", out _));
        using var checkIn = await Admin.PostAsJsonAsync($"/api/reservations/{reservation}/check-in", new { });
        await ProblemAssert.IsProblemAsync(checkIn, HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task Journey_ClockMoves_StagesProgressAtPropertyLocalInstants()
    {
        var t = await Tenant.CreateAsync(silo, "Stages");
        var property = await PropertyAsync(t, "America/New_York");

        // 16:00 on Friday 5 June to 11:00 on Monday 8 June, New York time (UTC−4).
        var checkIn = new DateTimeOffset(2026, 6, 5, 20, 0, 0, TimeSpan.Zero);
        var checkOut = new DateTimeOffset(2026, 6, 8, 15, 0, 0, TimeSpan.Zero);
        var reservation = await ReserveAsync(property, checkIn, checkOut);
        (string Stage, DateTimeOffset At)[] expected =
        [
            ("pre_arrival", checkIn.AddDays(-3)),
            ("checked_in", checkIn),
            ("in_stay", new DateTimeOffset(2026, 6, 6, 13, 0, 0, TimeSpan.Zero)),
            ("pre_departure", new DateTimeOffset(2026, 6, 7, 13, 0, 0, TimeSpan.Zero)),
            ("checked_out", checkOut),
            ("post_stay_review", checkOut.AddDays(1)),
            ("closed", checkOut.AddDays(14)),
        ];

        var previous = "booked";
        foreach (var (stage, at) in expected)
        {
            var next = (await JourneyAsync(reservation)).GetProperty("nextStage");
            Assert.Equal(stage, next.GetProperty("stage").GetString());
            Assert.Equal(at, next.GetProperty("at").GetDateTimeOffset());
            AdvanceTo(at.AddSeconds(-1));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            Assert.Equal(previous, (await JourneyAsync(reservation)).GetProperty("stage").GetString());
            AdvanceTo(at);
            await StageEventuallyAsync(reservation, stage);
            previous = stage;
        }

        var journey = await JourneyAsync(reservation);
        Assert.False(journey.TryGetProperty("nextStage", out _));
        Assert.All(journey.GetProperty("stages").EnumerateArray().Skip(1), static s => Assert.Equal("time", s.GetProperty("cause").GetString()));
    }

    [Fact]
    public async Task Journey_CheckInCheckOutAndReviewEvents_MoveStagesAheadOfTime()
    {
        var t = await Tenant.CreateAsync(silo, "Events");
        var property = await PropertyAsync(t, "Europe/Paris");
        var reservation = await ReserveAsync(property, T0.AddDays(1), T0.AddDays(4));
        await StageEventuallyAsync(reservation, "pre_arrival");

        using (var early = await Admin.PostAsJsonAsync($"/api/reservations/{reservation}/check-out", new { }))
        {
            await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict, "invalid_transition");
        }

        var checkedIn = await Admin.PostOkAsync($"/api/reservations/{reservation}/check-in", new { });
        Assert.Equal("checked_in", checkedIn.GetProperty("stage").GetString());
        Assert.Equal(T0, checkedIn.GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.Equal("checked_in", (await Admin.PostOkAsync($"/api/reservations/{reservation}/check-in", new { })).GetProperty("stage").GetString());

        // Time still moves the stay on from the event's stage: the next morning is in_stay.
        AdvanceTo(T0.AddDays(2).AddHours(-5));
        await StageEventuallyAsync(reservation, "in_stay");
        using (var cancel = await Admin.PostAsJsonAsync($"/api/reservations/{reservation}/cancel", new { }))
        {
            await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.Conflict, "invalid_transition");
        }

        Assert.Equal("checked_out", (await Admin.PostOkAsync($"/api/reservations/{reservation}/check-out", new { })).GetProperty("stage").GetString());
        using (var badRating = await Admin.PostAsJsonAsync($"/api/reservations/{reservation}/review", new { rating = 6 }))
        {
            await ProblemAssert.IsProblemAsync(badRating, HttpStatusCode.BadRequest, "validation_failed");
        }

        var reviewed = await Admin.PostOkAsync($"/api/reservations/{reservation}/review", new { rating = 5, comment = "Lovely stay" });
        Assert.Equal("closed", reviewed.GetProperty("stage").GetString());
        Assert.Equal(5, reviewed.GetProperty("review").GetProperty("rating").GetInt32());
        var journey = await JourneyAsync(reservation);
        Assert.Equal(
            ["created", "time", "check_in", "time", "check_out", "review"],
            journey.GetProperty("stages").EnumerateArray().Select(static s => s.GetProperty("cause").GetString()));
        Assert.False(journey.TryGetProperty("nextStage", out _));
    }

    /// <summary>
    /// A view crosses grain calls uncopied (it is [Immutable]), so it must not share the grain's own lists: a view read
    /// while the grain later logs a touchpoint once threw "collection was modified" as the API serialized it (a 500).
    /// </summary>
    [Fact]
    public async Task JourneyView_ReadBeforeATouchpointIsLogged_StaysAsItWasRead()
    {
        var t = await Tenant.CreateAsync(silo, "Snapshot");
        var reservation = await ReserveAsync(t.PropertyId, T0.AddDays(1), T0.AddDays(4));
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IReservationGrain>(reservation);
        var before = await grain.GetJourneyAsync();
        var logged = before.Touchpoints.Count;

        using var response = await Admin.PostAsJsonAsync($"/api/reservations/{reservation}/touchpoints", new { type = "welcome_call", channel = "phone" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(logged, before.Touchpoints.Count);
        Assert.Equal(logged + 1, (await grain.GetJourneyAsync()).Touchpoints.Count);
    }

    [Fact]
    public async Task LogTouchpoint_WithTicket_OpensTicketLinkedToReservation()
    {
        var t = await Tenant.CreateAsync(silo, "Ticket");
        var reservation = await ReserveAsync(t.PropertyId, T0.AddDays(1), T0.AddDays(4));

        using var response = await Admin.PostAsJsonAsync($"/api/reservations/{reservation}/touchpoints", new
        {
            type = "guest_complaint",
            channel = "phone",
            note = "No hot water",
            ticket = new { category = "PC-PLUMBING", priority = "high", title = "No hot water in unit" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("touchpoints")[0];
        Assert.Equal("manual", entry.GetProperty("source").GetString());
        var ticket = await Admin.GetOkAsync($"/api/tickets/{entry.GetProperty("ticketId").GetGuid()}");
        Assert.Equal(reservation, ticket.GetProperty("reservationId").GetGuid());
    }

    [Fact]
    public async Task LogTouchpoint_WithTicketRetriedWithItsKeyAfterItsStoredAnswerIsGone_OpensOneTicketAndLogsOnce()
    {
        // Issue 9, item 6: the ticket used a random id, so a retry whose first answer never arrived opened a second one.
        var t = await Tenant.CreateAsync(silo, "TicketRetry");
        var reservation = await ReserveAsync(t.PropertyId, T0.AddDays(3), T0.AddDays(6));
        async Task<JsonElement> LogAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reservations/{reservation}/touchpoints")
            {
                Content = JsonContent.Create(new
                {
                    type = "guest_complaint",
                    channel = "phone",
                    ticket = new { category = "PC-PLUMBING", priority = "high", title = "No hot water in unit" },
                }),
            };
            request.Headers.Add("Idempotency-Key", "touchpoint-retry-1");
            using var response = await Admin.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement;
        }

        var first = (await LogAsync()).GetProperty("touchpoints").EnumerateArray().Single();
        clock.Advance(TimeSpan.FromHours(25));
        var log = (await LogAsync()).GetProperty("touchpoints").EnumerateArray().ToList();

        var entry = Assert.Single(log);
        Assert.Equal(first.GetProperty("id").GetGuid(), entry.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("ticketId").GetGuid(), entry.GetProperty("ticketId").GetGuid());
        var tickets = (await Admin.GetOkAsync($"/api/properties/{t.PropertyId}/tickets")).GetProperty("items").EnumerateArray()
            .Where(ticket => ticket.TryGetProperty("reservationId", out var linked) && linked.GetGuid() == reservation)
            .ToList();
        Assert.Equal(first.GetProperty("ticketId").GetGuid(), Assert.Single(tickets).Id());
    }

    [Fact]
    public async Task SetTouchpointSchedule_InvalidRelativeTo_AnswersValidationFailed()
    {
        var t = await Tenant.CreateAsync(silo, "Schedule");

        using var response = await Admin.PutAsJsonAsync(
            $"/api/properties/{t.PropertyId}/touchpoint-schedule", new { touchpoints = new[] { Touchpoint("welcome", 0, "arrival") } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, (await Admin.GetOkAsync($"/api/properties/{t.PropertyId}/touchpoint-schedule")).GetProperty("touchpoints").GetArrayLength());
    }
}
