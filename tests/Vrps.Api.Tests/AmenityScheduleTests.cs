using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vrps.Grains.Amenities;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;

namespace Vrps.Api.Tests;

/// <summary>An amenity's slot rules (A2–A5), pure: capacity, the waitlist and its holds, the booking lifecycle; no runtime, no database.</summary>
public sealed class AmenityScheduleTests
{
    /// <summary>Monday 2 March 2026, 08:00 UTC.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Tuesday's 10:00 slot, a day ahead.</summary>
    private static readonly DateTimeOffset Ten = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    private static readonly Guid Unit = Guid.NewGuid();

    private static BookingRules Rules(
        UnitQuota? quota = null, int? cancellationCutoff = null, bool approval = false, int? holdMinutes = null, bool autoBook = false) =>
        new(quota, null, null, null, cancellationCutoff, approval, holdMinutes, autoBook);

    private static AmenityState State(int capacity, BookingRules? rules = null)
    {
        IReadOnlyList<OpeningInterval> day = [new("08:00", "20:00")];
        var hours = AmenityCalendar.WeekdayNames.ToDictionary(static d => d, _ => day);
        return AmenitySchedule.Define(
            new CreateAmenity("Pool", hours, 60, capacity, null, rules ?? Rules()),
            new AmenityContext(Guid.NewGuid(), Guid.NewGuid(), "UTC"),
            Now);
    }

    private static AmenitySchedule Schedule(int capacity, BookingRules? rules = null) => new(Guid.NewGuid(), State(capacity, rules));

    private static BookingView Book(AmenitySchedule schedule, DateTimeOffset start, int hours = 1, Guid? unit = null) =>
        schedule.Book(new BookAmenity(Guid.NewGuid(), unit ?? Guid.NewGuid(), "Resident", start, start.AddHours(hours)), Now).Booking;

    private static string StatusOf(AmenitySchedule schedule, BookingView booking) => schedule.Find(booking.Id)!.Status;

    [Fact]
    public void Book_BeyondCapacity_ConfirmsCapacityAndWaitlistsTheRestInArrivalOrder()
    {
        var schedule = Schedule(capacity: 2);

        var bookings = Enumerable.Range(0, 5).Select(_ => Book(schedule, Ten)).ToList();

        Assert.Equal(
            [BookingStatuses.Confirmed, BookingStatuses.Confirmed, BookingStatuses.Waitlisted, BookingStatuses.Waitlisted, BookingStatuses.Waitlisted],
            bookings.Select(static b => b.Status));
        Assert.Equal([null, null, 1, 2, 3], bookings.Select(static b => b.Position));
    }

    [Fact]
    public void Book_BeyondCapacity_NeverTakesMorePlacesThanTheSlotHas()
    {
        var schedule = Schedule(capacity: 3);

        for (var i = 0; i < 50; i++)
        {
            Book(schedule, Ten);
        }

        var slot = Assert.Single(schedule.Availability(Ten, Ten.AddHours(1)).Slots);
        Assert.Equal(3, slot.Confirmed);
        Assert.Equal(0, slot.Remaining);
        Assert.Equal(47, slot.Waitlisted);
    }

    [Fact]
    public void Book_LongerThanOneSlot_NeedsAPlaceInEverySlotItCovers()
    {
        var schedule = Schedule(capacity: 1);
        Book(schedule, Ten.AddHours(1));

        var spanning = Book(schedule, Ten, hours: 2);

        Assert.Equal(BookingStatuses.Waitlisted, spanning.Status);
    }

    [Fact]
    public void Book_FreePlaceWhileAnEarlierBookingWaitsForThatSlot_QueuesBehindIt()
    {
        // The 10:00–12:00 booking waits for 11:00; a later 10:00–11:00 booking would fit, but may not pass it.
        var schedule = Schedule(capacity: 1);
        Book(schedule, Ten.AddHours(1));
        var waiting = Book(schedule, Ten, hours: 2);

        var later = Book(schedule, Ten);

        Assert.Equal(BookingStatuses.Waitlisted, later.Status);
        Assert.Equal(2, later.Position);
        Assert.Equal(1, schedule.Find(waiting.Id)!.Position);
    }

    [Fact]
    public void Book_RequiringApproval_IsPendingAndTakesAPlace()
    {
        var schedule = Schedule(capacity: 1, Rules(approval: true));

        var pending = Book(schedule, Ten);
        var next = Book(schedule, Ten);

        Assert.Equal(BookingStatuses.PendingApproval, pending.Status);
        Assert.Equal(BookingStatuses.Waitlisted, next.Status);
    }

    [Fact]
    public void Book_OverTheUnitsDailyQuota_IsRefused()
    {
        var schedule = Schedule(capacity: 5, Rules(quota: new UnitQuota(1, null, null)));
        Book(schedule, Ten, unit: Unit);

        var refusal = Assert.Throws<DomainException>(() => Book(schedule, Ten.AddHours(2), unit: Unit));

        Assert.Equal("unit_quota_reached", refusal.Code);
    }

    [Fact]
    public void Cancel_ConfirmedBooking_HoldsTheFreedPlaceForTheFirstInLine()
    {
        var schedule = Schedule(capacity: 1, Rules(holdMinutes: 20));
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);
        var second = Book(schedule, Ten);

        var outcome = schedule.Cancel(confirmed.Id, Now);

        Assert.Equal(BookingStatuses.Cancelled, outcome.Booking.Status);
        var held = schedule.Find(first.Id)!;
        Assert.Equal(BookingStatuses.Held, held.Status);
        Assert.Equal(Now.AddMinutes(20), held.HoldExpiresAt);
        Assert.Equal(BookingStatuses.Waitlisted, StatusOf(schedule, second));
        Assert.Equal(1, schedule.Find(second.Id)!.Position);
    }

    [Fact]
    public void Cancel_ConfirmedBooking_ReportsTheCancellationThenThePromotion()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);

        var outcome = schedule.Cancel(confirmed.Id, Now);

        Assert.Equal(
            [(confirmed.Id, BookingStatuses.Cancelled), (first.Id, BookingStatuses.Held)],
            outcome.Changes.Select(static c => (c.Id, c.Status)));
    }

    [Fact]
    public void Cancel_WithAutoBookFromWaitlist_ConfirmsTheFirstInLine()
    {
        var schedule = Schedule(capacity: 1, Rules(autoBook: true));
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);

        schedule.Cancel(confirmed.Id, Now);

        Assert.Equal(BookingStatuses.Confirmed, StatusOf(schedule, first));
    }

    [Fact]
    public void Cancel_WaitlistedBooking_MovesTheOnesBehindItUp()
    {
        var schedule = Schedule(capacity: 1);
        Book(schedule, Ten);
        var first = Book(schedule, Ten);
        var second = Book(schedule, Ten);

        schedule.Cancel(first.Id, Now);

        Assert.Equal(1, schedule.Find(second.Id)!.Position);
        Assert.Null(schedule.Find(first.Id));
    }

    [Fact]
    public void Cancel_WithinTheCutoff_IsRefusedAndKeepsThePlace()
    {
        var schedule = Schedule(capacity: 1, Rules(cancellationCutoff: 120));
        var confirmed = Book(schedule, Ten);

        var refusal = Assert.Throws<DomainException>(() => schedule.Cancel(confirmed.Id, Ten.AddMinutes(-60)));

        Assert.Equal("cancellation_cutoff", refusal.Code);
        Assert.Equal(BookingStatuses.Confirmed, StatusOf(schedule, confirmed));
    }

    [Fact]
    public void Cancel_GivesTheUnitItsQuotaBack()
    {
        var schedule = Schedule(capacity: 5, Rules(quota: new UnitQuota(1, null, null)));
        var first = Book(schedule, Ten, unit: Unit);

        schedule.Cancel(first.Id, Now);
        var again = Book(schedule, Ten.AddHours(2), unit: Unit);

        Assert.Equal(BookingStatuses.Confirmed, again.Status);
    }

    [Fact]
    public void Cancel_AlreadyCancelled_IsAConflict()
    {
        var schedule = Schedule(capacity: 1);
        var booking = Book(schedule, Ten);
        schedule.Cancel(booking.Id, Now);

        var refusal = Assert.Throws<DomainException>(() => schedule.Cancel(booking.Id, Now));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
    }

    [Fact]
    public void Reject_PendingBooking_FreesItsPlaceForTheFirstInLine()
    {
        var schedule = Schedule(capacity: 1, Rules(approval: true));
        var pending = Book(schedule, Ten);
        var first = Book(schedule, Ten);

        var outcome = schedule.Reject(pending.Id, Now);

        Assert.Equal(BookingStatuses.Rejected, outcome.Booking.Status);
        Assert.Equal(BookingStatuses.Held, StatusOf(schedule, first));
    }

    [Fact]
    public void Approve_ConfirmedBooking_IsAnInvalidTransition()
    {
        var schedule = Schedule(capacity: 1, Rules(approval: true));
        var pending = Book(schedule, Ten);
        schedule.Approve(pending.Id, Now);

        var refusal = Assert.Throws<DomainException>(() => schedule.Approve(pending.Id, Now));

        Assert.Equal("invalid_transition", refusal.Code);
    }

    [Fact]
    public void ConfirmHold_WhileTheHoldLasts_Confirms()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);
        schedule.Cancel(confirmed.Id, Now);

        var outcome = schedule.ConfirmHold(first.Id, Now.AddMinutes(14));

        Assert.Equal(BookingStatuses.Confirmed, outcome.Booking.Status);
        Assert.Null(outcome.Booking.HoldExpiresAt);
    }

    [Fact]
    public void ConfirmHold_AfterTheHoldLapsed_IsRefusedAsHoldExpired()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);
        schedule.Cancel(confirmed.Id, Now);

        var refusal = Assert.Throws<DomainException>(() => schedule.ConfirmHold(first.Id, Now.AddMinutes(15)));

        Assert.Equal("invalid_transition", refusal.Code);
        Assert.Contains(BookingStatuses.HoldExpired, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settle_LapsedHold_PassesThePlaceToTheNextInLine()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);
        var second = Book(schedule, Ten);
        schedule.Cancel(confirmed.Id, Now);

        var changes = schedule.Settle(Now.AddMinutes(15));

        Assert.Equal(
            [(first.Id, BookingStatuses.HoldExpired), (second.Id, BookingStatuses.Held)],
            changes.Select(static c => (c.Id, c.Status)));
        Assert.Equal(1, Assert.Single(schedule.Availability(Ten, Ten.AddHours(1)).Slots).Confirmed);
    }

    [Fact]
    public void Settle_BeforeTheHoldLapses_ChangesNothing()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        var first = Book(schedule, Ten);
        schedule.Cancel(confirmed.Id, Now);

        Assert.Empty(schedule.Settle(Now.AddMinutes(14)));
        Assert.Equal(BookingStatuses.Held, StatusOf(schedule, first));
    }

    [Fact]
    public void Settle_ConfirmedBookingPastItsEnd_IsANoShowAndKeepsItsQuota()
    {
        var schedule = Schedule(capacity: 5, Rules(quota: new UnitQuota(1, null, null)));
        var confirmed = Book(schedule, Ten, unit: Unit);

        var change = Assert.Single(schedule.Settle(Ten.AddHours(1)));

        Assert.Equal((confirmed.Id, BookingStatuses.NoShow), (change.Id, change.Status));
        var refusal = Assert.Throws<DomainException>(() =>
            schedule.Book(new BookAmenity(Guid.NewGuid(), Unit, "Resident", Ten.AddHours(2), Ten.AddHours(3)), Ten.AddHours(1)));
        Assert.Equal("unit_quota_reached", refusal.Code);
    }

    [Fact]
    public void Settle_CheckedInBookingPastItsEnd_IsCompleted()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        schedule.CheckIn(confirmed.Id, Ten.AddMinutes(-10));

        var change = Assert.Single(schedule.Settle(Ten.AddHours(1)));

        Assert.Equal(BookingStatuses.Completed, change.Status);
    }

    [Fact]
    public void Settle_WaitlistedBookingPastItsEnd_Expires()
    {
        var schedule = Schedule(capacity: 1);
        Book(schedule, Ten);
        var waiting = Book(schedule, Ten);

        var changes = schedule.Settle(Ten.AddHours(1));

        Assert.Equal(BookingStatuses.Expired, changes.Single(c => c.Id == waiting.Id).Status);
    }

    [Fact]
    public void CheckIn_MoreThanHalfAnHourEarly_IsRefused()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);

        var refusal = Assert.Throws<DomainException>(() => schedule.CheckIn(confirmed.Id, Ten.AddMinutes(-31)));

        Assert.Equal("outside_check_in_window", refusal.Code);
    }

    [Fact]
    public void NextDeadline_WithAHold_IsWhenTheHoldLapses()
    {
        var schedule = Schedule(capacity: 1);
        var confirmed = Book(schedule, Ten);
        Book(schedule, Ten);
        Assert.Equal(Ten.AddHours(1), schedule.NextDeadline());

        schedule.Cancel(confirmed.Id, Now);

        Assert.Equal(Now.AddMinutes(15), schedule.NextDeadline());
    }

    /// <summary>Issue 13: an activation rebuilds the open bookings from the latest row of each booking, in whatever order the rows come.</summary>
    [Fact]
    public void Restore_FromEachBookingsLatestRow_KeepsPlacesAndTheWaitlistInArrivalOrder()
    {
        var (before, after, bookings) = Reactivated(capacity: 2, count: 6, (schedule, made) => schedule.Cancel(made[3].Id, Now));

        Assert.Equal(bookings.Select(b => before.Find(b.Id)), bookings.Select(b => after.Find(b.Id)));
        Assert.Equal(before.Availability(Ten, Ten.AddHours(1)).Slots, after.Availability(Ten, Ten.AddHours(1)).Slots);
        Assert.Equal([1, 2, 3], bookings.Skip(2).Select(b => after.Find(b.Id)?.Position).OfType<int>());
    }

    [Fact]
    public void Restore_ThenCancelAConfirmedBooking_HoldsThePlaceForTheFirstInLine()
    {
        var (_, after, bookings) = Reactivated(capacity: 1, count: 3);

        var outcome = after.Cancel(bookings[0].Id, Now);

        Assert.Equal(
            [(bookings[0].Id, BookingStatuses.Cancelled), (bookings[1].Id, BookingStatuses.Held)],
            outcome.Changes.Select(static c => (c.Id, c.Status)));
        Assert.Equal(1, after.Find(bookings[2].Id)!.Position);
    }

    [Fact]
    public void Restore_ThenBookAgain_QueuesTheNewBookingLast()
    {
        var (_, after, _) = Reactivated(capacity: 1, count: 3);

        var late = Book(after, Ten);

        Assert.Equal((BookingStatuses.Waitlisted, 3), (late.Status, late.Position));
    }

    /// <summary>Issue 13: a state stored before bookings left it still loads, and its waitlist keeps its order.</summary>
    [Fact]
    public void Legacy_StoredStateWithBookingsAndAWaitlist_RestoresTheSameLine()
    {
        var amenity = Guid.NewGuid();
        var state = State(capacity: 1);
        var ids = Enumerable.Range(0, 4).Select(static _ => Guid.NewGuid()).ToArray();
        var stored = JsonSerializer.SerializeToNode(state, VrpsJson.Options)!.AsObject();
        stored["bookings"] = new JsonObject(ids.Select((id, i) => KeyValuePair.Create(id.ToString("D"), (JsonNode?)JsonNode.Parse($$"""
            {"unitId":"{{Guid.NewGuid()}}","resident":"Resident {{i}}","start":"2026-03-03T10:00:00+00:00","end":"2026-03-03T11:00:00+00:00",
             "localDate":"2026-03-03","status":"{{(i == 0 ? "confirmed" : "waitlisted")}}","holdExpiresAt":null,
             "createdAt":"2026-03-02T08:00:00+00:00","updatedAt":"2026-03-02T08:00:00+00:00"}
            """))));
        var line = new JsonArray(ids[3].ToString("D"), ids[1].ToString("D"), ids[2].ToString("D"));
        stored["slots"] = new JsonObject { [Ten.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["taken"] = 1, ["waitlist"] = line } };
        var loaded = JsonSerializer.Deserialize<AmenityState>(stored.ToJsonString(), VrpsJson.Options)!;
        var schedule = new AmenitySchedule(amenity, loaded, new OpenBookings());

        schedule.Restore(AmenitySchedule.Legacy(loaded));

        Assert.Equal(BookingStatuses.Confirmed, schedule.Find(ids[0])!.Status);
        Assert.Equal([1, 2, 3], new[] { ids[3], ids[1], ids[2] }.Select(id => schedule.Find(id)!.Position));
        Assert.Equal(1, Assert.Single(schedule.Availability(Ten, Ten.AddHours(1)).Slots).Confirmed);
    }

    /// <summary>
    /// Books <paramref name="count"/> on Tuesday's 10:00 slot (then <paramref name="act"/>), and rebuilds a second
    /// schedule on the same state from the latest row of each booking, given in id order, as a scan with tied creation
    /// times (a fake clock) returns them.
    /// </summary>
    private static (AmenitySchedule Before, AmenitySchedule After, List<BookingView> Bookings) Reactivated(
        int capacity, int count, Func<AmenitySchedule, List<BookingView>, BookingOutcome>? act = null)
    {
        var amenity = Guid.NewGuid();
        var state = State(capacity);
        var before = new AmenitySchedule(amenity, state, new OpenBookings());
        var rows = new Dictionary<Guid, BookingRow>();
        var bookings = new List<BookingView>();
        for (var i = 0; i < count; i++)
        {
            var outcome = before.Book(new BookAmenity(Guid.NewGuid(), Guid.NewGuid(), "Resident", Ten, Ten.AddHours(1)), Now);
            Keep(outcome);
            bookings.Add(outcome.Booking);
        }

        if (act is not null)
        {
            Keep(act(before, bookings));
        }

        var after = new AmenitySchedule(amenity, state, new OpenBookings());
        after.Restore(rows.Values.OrderBy(static r => r.Id).Select(static r => (r.Id, r.Entry("UTC"))));
        return (before, after, bookings);

        void Keep(BookingOutcome outcome)
        {
            foreach (var row in outcome.Changes)
            {
                rows[row.Id] = row;
            }
        }
    }
}
