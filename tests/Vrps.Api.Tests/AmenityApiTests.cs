using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>Amenities, bookings and waitlists (A1–A5), over HTTP on real Postgres with a fake clock.</summary>
public sealed class AmenityApiTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ApiSilo silo = null!;
    private string database = null!;

    private HttpClient Admin => silo.Client;

    public async Task InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync("amenities");
        silo = await ApiSilo.StartAsync(database, clock);
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    private static object AllDay => AmenityCalendarDays("00:00", "24:00");

    private static Dictionary<string, object[]> AmenityCalendarDays(string open, string close) =>
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .ToDictionary(static d => d, _ => new object[] { new { open, close } });

    private async Task<Guid> AmenityAsync(Tenant t, int capacity, object? rules = null, object? hours = null, string[]? blackoutDates = null) =>
        (await Admin.PostOkAsync($"/api/properties/{t.PropertyId}/amenities", new
        {
            name = "Rooftop Grill",
            openingHours = hours ?? AllDay,
            slotMinutes = 60,
            capacityPerSlot = capacity,
            blackoutDates = blackoutDates ?? [],
            rules = rules ?? new { },
        })).Id();

    /// <summary>A slot a day ahead on the hour grid (Paris is a whole number of hours from UTC, so UTC hours align).</summary>
    private DateTimeOffset SlotTomorrow()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(1).AddHours(1);
    }

    private static DateTimeOffset ParisTime(DateOnly date, int hour) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), Paris), TimeSpan.Zero);

    private Task<HttpResponseMessage> BookAsync(Guid amenity, Tenant t, DateTimeOffset start, string resident = "Rita Resident", int hours = 1) =>
        Admin.PostAsJsonAsync($"/api/amenities/{amenity}/bookings", new { unitId = t.UnitId, resident, start, end = start.AddHours(hours) });

    private async Task<JsonElement> BookOkAsync(Guid amenity, Tenant t, DateTimeOffset start, string resident = "Rita Resident")
    {
        using var response = await BookAsync(amenity, t, start, resident);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<string> StatusAsync(Guid booking) => (await Admin.GetOkAsync($"/api/bookings/{booking}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task Book_FiveHundredConcurrentOnCapacityFive_ConfirmsFiveAndWaitlistsTheRestWithPositions()
    {
        var t = await Tenant.CreateAsync(silo, "Burst");
        var amenity = await AmenityAsync(t, capacity: 5);
        var start = SlotTomorrow();
        using var gate = new SemaphoreSlim(64);
        var answers = new ConcurrentBag<JsonElement>();

        await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                answers.Add(await BookOkAsync(amenity, t, start, $"Resident {i}"));
            }
            finally
            {
                gate.Release();
            }
        }));

        var statuses = answers.Select(static a => a.GetProperty("status").GetString()).ToList();
        Assert.Equal(5, statuses.Count(static s => s == "confirmed"));
        Assert.Equal(495, statuses.Count(static s => s == "waitlisted"));
        Assert.Equal(500, answers.Count);
        var positions = answers.Where(static a => a.GetProperty("status").GetString() == "waitlisted").Select(static a => a.GetProperty("position").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(1, 495), positions);
        var slot = (await Admin.GetOkAsync($"/api/amenities/{amenity}/availability?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}"))
            .GetProperty("slots").EnumerateArray().Single();
        Assert.Equal(5, slot.GetProperty("confirmed").GetInt32());
        Assert.Equal(0, slot.GetProperty("remaining").GetInt32());
        Assert.Equal(495, slot.GetProperty("waitlisted").GetInt32());
    }

    [Fact]
    public async Task Book_RetriedWithSameKeyAfterItsStoredAnswerIsGone_IsTheSameBooking()
    {
        // A client whose first attempt timed out (503, no stored answer) retries with the same Idempotency-Key; here the
        // stored answer is gone because its retention passed, which leaves the booking grain as the only guard.
        var t = await Tenant.CreateAsync(silo, "Retry");
        var amenity = await AmenityAsync(t, capacity: 3);
        var start = SlotTomorrow().AddDays(3);

        var first = await BookWithKeyAsync(amenity, t, start, "booking-retry-1", HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromHours(25));
        var retried = await BookWithKeyAsync(amenity, t, start, "booking-retry-1", HttpStatusCode.OK);

        Assert.Equal(first.Id(), retried.Id());
        var slot = (await Admin.GetOkAsync($"/api/amenities/{amenity}/availability?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}"))
            .GetProperty("slots").EnumerateArray().Single();
        Assert.Equal(1, slot.GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task Book_CancelledBookingRetriedWithItsKeyAfterItsStoredAnswerIsGone_StaysCancelled()
    {
        // Issue 9, bug 4: a finished booking lives on only as its record, so the amenity no longer knows its id and
        // used to book it again, under the same id, taking a place nobody asked for.
        var t = await Tenant.CreateAsync(silo, "RetryCancelled");
        var amenity = await AmenityAsync(t, capacity: 1);
        var start = SlotTomorrow().AddDays(3);
        var first = await BookWithKeyAsync(amenity, t, start, "booking-retry-cancelled", HttpStatusCode.Created);
        await Admin.PostOkAsync($"/api/bookings/{first.Id()}/cancel", new { });

        clock.Advance(TimeSpan.FromHours(25));
        var retried = await BookWithKeyAsync(amenity, t, start, "booking-retry-cancelled", HttpStatusCode.OK);

        Assert.Equal(first.Id(), retried.Id());
        Assert.Equal("cancelled", retried.GetProperty("status").GetString());
        Assert.Equal("cancelled", await StatusAsync(first.Id()));
        var slot = (await Admin.GetOkAsync($"/api/amenities/{amenity}/availability?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}"))
            .GetProperty("slots").EnumerateArray().Single();
        Assert.Equal(0, slot.GetProperty("confirmed").GetInt32());
    }

    private async Task<JsonElement> BookWithKeyAsync(Guid amenity, Tenant t, DateTimeOffset start, string key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/amenities/{amenity}/bookings")
        {
            Content = JsonContent.Create(new { unitId = t.UnitId, resident = "Rita Resident", start, end = start.AddHours(1) }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Book_EightSequentialOnCapacityTwo_WaitlistsInSendOrder()
    {
        var t = await Tenant.CreateAsync(silo, "Order");
        var amenity = await AmenityAsync(t, capacity: 2);
        var start = SlotTomorrow();

        var answers = new List<JsonElement>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await BookOkAsync(amenity, t, start, $"Resident {i}"));
        }

        Assert.All(answers.Take(2), static a => Assert.Equal("confirmed", a.GetProperty("status").GetString()));
        Assert.Equal([1, 2, 3, 4, 5, 6], answers.Skip(2).Select(static a => a.GetProperty("position").GetInt32()));
        Assert.All(answers.Skip(2), static a => Assert.Equal("waitlisted", a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Cancel_ConfirmedBooking_HoldsPlaceForFirstInLineAndLapsedHoldPassesToSecond()
    {
        var t = await Tenant.CreateAsync(silo, "Hold");
        var amenity = await AmenityAsync(t, capacity: 1, rules: new { waitlistHoldMinutes = 15 });
        var start = SlotTomorrow();
        var first = (await BookOkAsync(amenity, t, start, "First")).Id();
        var second = (await BookOkAsync(amenity, t, start, "Second")).Id();
        var third = (await BookOkAsync(amenity, t, start, "Third")).Id();

        var cancelled = await Admin.PostOkAsync($"/api/bookings/{first}/cancel", new { });
        var held = await Admin.GetOkAsync($"/api/bookings/{second}");
        var waiting = await Admin.GetOkAsync($"/api/bookings/{third}");

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal(clock.GetUtcNow().AddMinutes(15), held.GetProperty("holdExpiresAt").GetDateTimeOffset());
        Assert.Equal(1, waiting.GetProperty("position").GetInt32());

        clock.Advance(TimeSpan.FromMinutes(16));
        await Eventually.HoldsAsync(async () => await StatusAsync(third) == "held", "the lapsed hold passes to the second in line");
        Assert.Equal("hold_expired", await StatusAsync(second));
        var confirmed = await Admin.PostOkAsync($"/api/bookings/{third}/confirm-hold", new { });
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        await ProblemAssert.IsProblemAsync(await Admin.PostAsync($"/api/bookings/{second}/confirm-hold", null), HttpStatusCode.Conflict, "invalid_transition");
    }

    /// <summary>Issue 13: the amenity keeps its open bookings in memory only; a new silo rebuilds the line from their rows.</summary>
    [Fact]
    public async Task Cancel_AfterTheSiloRestarted_HoldsThePlaceForTheFirstInLineAndKeepsTheLine()
    {
        var t = await Tenant.CreateAsync(silo, "Restart");
        var amenity = await AmenityAsync(t, capacity: 1);
        var start = SlotTomorrow();
        var bookings = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            bookings.Add((await BookOkAsync(amenity, t, start, $"Resident {i}")).Id());
        }

        await silo.DisposeAsync();
        silo = await ApiSilo.StartAsync(database, clock);
        await Admin.PostOkAsync($"/api/bookings/{bookings[0]}/cancel", new { });
        var late = await BookOkAsync(amenity, t, start, "Late");

        var held = await StatusAsync(bookings[1]);
        var second = (await Admin.GetOkAsync($"/api/bookings/{bookings[2]}")).GetProperty("position").GetInt32();
        var third = (await Admin.GetOkAsync($"/api/bookings/{bookings[3]}")).GetProperty("position").GetInt32();

        Assert.Equal("held", held);
        Assert.Equal((1, 2, 3), (second, third, late.GetProperty("position").GetInt32()));
    }

    /// <summary>
    /// Issue 13: an amenity stored before bookings left its state (they and each slot's waitlist were in it, and their
    /// rows had no arrival number) loads, keeps its waitlist's order, and moves the bookings out of its state.
    /// </summary>
    [Fact]
    public async Task Book_AmenityStoredWithBookingsInItsState_KeepsTheStoredLineAndMovesItToRows()
    {
        var t = await Tenant.CreateAsync(silo, "Legacy");
        var amenity = await AmenityAsync(t, capacity: 1);
        var start = SlotTomorrow();
        var first = (await BookOkAsync(amenity, t, start, "First")).Id();
        var second = (await BookOkAsync(amenity, t, start, "Second")).Id();
        var third = (await BookOkAsync(amenity, t, start, "Third")).Id();
        await silo.DisposeAsync();
        await using (var database = Npgsql.NpgsqlDataSource.Create(this.database))
        {
            // The old layout, with the stored line the other way round from the rows' creation, so the order can only come from it.
            await using var legacy = database.CreateCommand("""
                UPDATE grain_storage
                   SET payload = payload::jsonb || jsonb_build_object(
                       'bookings', (SELECT jsonb_object_agg(id, data::jsonb - 'arrival') FROM grain_index WHERE kind = 'booking' AND parent_id = @amenity),
                       'slots', jsonb_build_object(@slot, jsonb_build_object('taken', 1, 'waitlist', jsonb_build_array(@third, @second))))
                 WHERE grain_type = 'amenity' AND grain_key = @key;
                UPDATE grain_index SET data = data::jsonb - 'arrival' - 'localDate' WHERE kind = 'booking' AND parent_id = @amenity;
                """);
            legacy.Parameters.AddWithValue("amenity", amenity.ToString("D"));
            legacy.Parameters.AddWithValue("key", amenity.ToString("N"));
            legacy.Parameters.AddWithValue("slot", start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            legacy.Parameters.AddWithValue("second", second.ToString("D"));
            legacy.Parameters.AddWithValue("third", third.ToString("D"));
            Assert.Equal(1 + 3, await legacy.ExecuteNonQueryAsync());
        }

        silo = await ApiSilo.StartAsync(database, clock);
        var thirdPosition = (await Admin.GetOkAsync($"/api/bookings/{third}")).GetProperty("position").GetInt32();
        await Admin.PostOkAsync($"/api/bookings/{first}/cancel", new { });
        var thirdStatus = await StatusAsync(third);
        var secondPosition = (await Admin.GetOkAsync($"/api/bookings/{second}")).GetProperty("position").GetInt32();
        var late = await BookOkAsync(amenity, t, start, "Late");
        await using var stored = Npgsql.NpgsqlDataSource.Create(database);
        await using var state = stored.CreateCommand("SELECT payload::jsonb ? 'bookings' FROM grain_storage WHERE grain_type = 'amenity' AND grain_key = @key");
        state.Parameters.AddWithValue("key", amenity.ToString("N"));
        var stillInState = (bool)(await state.ExecuteScalarAsync())!;

        Assert.Equal(1, thirdPosition);
        Assert.Equal("held", thirdStatus);
        Assert.Equal(1, secondPosition);
        Assert.Equal(2, late.GetProperty("position").GetInt32());
        Assert.False(stillInState);
    }

    [Fact]
    public async Task Cancel_WithAutoBookFromWaitlist_ConfirmsFirstInLineDirectly()
    {
        var t = await Tenant.CreateAsync(silo, "Auto");
        var amenity = await AmenityAsync(t, capacity: 1, rules: new { autoBookFromWaitlist = true });
        var start = SlotTomorrow();
        var first = (await BookOkAsync(amenity, t, start, "First")).Id();
        var second = (await BookOkAsync(amenity, t, start, "Second")).Id();

        await Admin.PostOkAsync($"/api/bookings/{first}/cancel", new { });

        Assert.Equal("confirmed", await StatusAsync(second));
    }

    [Fact]
    public async Task Book_AgainstTheRules_AnswersTheirProblemCodes()
    {
        var t = await Tenant.CreateAsync(silo, "Rules");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).DateTime);
        var blackout = today.AddDays(3);
        var amenity = await AmenityAsync(
            t, capacity: 4, rules: new { minLeadMinutes = 120, maxDaysAhead = 30, maxDurationMinutes = 120 },
            hours: AmenityCalendarDays("08:00", "20:00"), blackoutDates: [blackout.ToString("yyyy-MM-dd")]);

        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, ParisTime(today.AddDays(2), 3)), HttpStatusCode.UnprocessableEntity, "outside_opening_hours");
        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, ParisTime(today.AddDays(2), 19), hours: 2), HttpStatusCode.UnprocessableEntity, "outside_opening_hours");
        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, ParisTime(blackout, 10)), HttpStatusCode.UnprocessableEntity, "blackout");
        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, ParisTime(today.AddDays(40), 10)), HttpStatusCode.UnprocessableEntity, "too_far_ahead");
        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, ParisTime(today.AddDays(2), 10), hours: 3), HttpStatusCode.UnprocessableEntity, "too_long");
        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, ParisTime(today.AddDays(2), 10).AddMinutes(30)), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Book_TooSoonInsideOpeningHours_Is422TooSoon()
    {
        var t = await Tenant.CreateAsync(silo, "Soon");
        var amenity = await AmenityAsync(t, capacity: 4, rules: new { minLeadMinutes = 180 });

        await ProblemAssert.IsProblemAsync(await BookAsync(amenity, t, SlotTomorrow().AddDays(-1)), HttpStatusCode.UnprocessableEntity, "too_soon");
    }

    [Fact]
    public async Task Approve_PendingThenAgain_ConfirmsThenIs409NamingTheState()
    {
        var t = await Tenant.CreateAsync(silo, "Approve");
        var amenity = await AmenityAsync(t, capacity: 1, rules: new { requiresApproval = true, cancellationCutoffMinutes = 24 * 60 * 2 });
        var booking = await BookOkAsync(amenity, t, SlotTomorrow());
        Assert.Equal("pending_approval", booking.GetProperty("status").GetString());
        using var manager = silo.CreateClient(t.Keys[Vrps.Interfaces.Roles.Manager]);

        await ProblemAssert.IsProblemAsync(await manager.PostAsync($"/api/bookings/{booking.Id()}/approve", null), HttpStatusCode.Forbidden, "forbidden");
        var approved = await Admin.PostOkAsync($"/api/bookings/{booking.Id()}/approve", new { });
        var again = await ProblemAssert.IsProblemAsync(await Admin.PostAsync($"/api/bookings/{booking.Id()}/approve", null), HttpStatusCode.Conflict, "invalid_transition");

        Assert.Equal("confirmed", approved.GetProperty("status").GetString());
        Assert.Contains("confirmed", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await manager.PostAsync($"/api/bookings/{booking.Id()}/cancel", null), HttpStatusCode.UnprocessableEntity, "cancellation_cutoff");
        var audit = await Admin.GetOkAsync($"/api/audit?entityId={booking.Id()}");
        Assert.Contains("approved", audit.GetRawText(), StringComparison.Ordinal);
    }
}
