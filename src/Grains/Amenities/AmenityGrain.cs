using System.Text.Json;
using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Amenities;

/// <summary>
/// An amenity and every decision about its slots (A3, A4). A booking burst on one slot is a queue of short turns on
/// this activation, so counting against capacity needs no locks; each turn stages its write pipelined, and booking
/// records go out as index rows in the same commit. Lifecycle deadlines (holds, slot ends) share one reminder.
/// </summary>
/// <remarks>
/// The open bookings, places taken and waitlists are kept in memory only and rebuilt from the booking rows on
/// activation: the amenity's stored state is its settings and a few counters, so a write does not grow with the
/// waitlist (issue 13: 2,240 KiB rewritten per write at 5,000 waiting, before).
/// </remarks>
[GrainType("amenity")]
[Reentrant]
public sealed class AmenityGrain : EntityGrain<AmenityState>, IAmenityGrain, IDeadlineReceiver
{
    private const string TickReminder = "booking-deadlines";

    private readonly CoalescedWrites writes;
    private readonly GrainIndex index;
    private readonly OpenBookings open = new();

    /// <remarks>A hot grain: reentrant, deciding synchronously and saving through <see cref="CoalescedWrites"/>.</remarks>
    public AmenityGrain(GrainIndex index, [PersistentState("amenity")] IPersistentState<AmenityState> storage)
        : base(storage)
    {
        this.index = index;
        writes = new CoalescedWrites(base.SaveAsync, DeactivateOnIdle);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Store.RecordExists)
        {
            return;
        }

        if (State.Bookings is not null)
        {
            await MoveLegacyBookingsToRowsAsync();
            return;
        }

        var rows = await index.ScanAsync(
            AmenityIndexKinds.Booking, Id.ToString("D"), IndexFields.Status, AmenitySchedule.OpenStatuses, BookingRow.OpenFields, cancellationToken);
        Schedule.Restore(rows.Select(row => row.Deserialize<BookingRow>(VrpsJson.Options)!).Select(row => (row.Id, row.Entry(State.Timezone))));
    }

    /// <summary>
    /// A state written before issue 13 holds its open bookings: they get arrival numbers in their waitlists' order and
    /// their rows are rewritten with them, in the same commit that drops them from the state. Until that commits, the
    /// state still holds them, so a crash here repeats the move on the next activation.
    /// </summary>
    private async Task MoveLegacyBookingsToRowsAsync()
    {
        var schedule = Schedule;
        schedule.Restore(AmenitySchedule.Legacy(State));
        foreach (var id in open.Bookings.Keys)
        {
            SetBookingRow(schedule.RowOf(id));
        }

        State.Bookings = null;
        State.Slots = null;
        await SaveAsync();
    }

    protected override Task SaveAsync() => writes.SaveAsync();

    protected override string Kind => AmenityIndexKinds.Amenity;

    /// <summary>The rules, deciding on the state as it stands now (the state object is replaced when the amenity is created).</summary>
    private AmenitySchedule Schedule => new(Id, State, open);

    public async Task<AmenityView> InitializeAsync(CreateAmenity command, AmenityContext context, Actor actor)
    {
        RequireNew();
        Store.State = AmenitySchedule.Define(command, context, TimeProvider.GetUtcNow());
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.AmenityCreated, View());
        await SaveAsync();
        return View();
    }

    public Task<AmenityView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<AmenityAvailability> AvailabilityAsync(DateTimeOffset from, DateTimeOffset to)
    {
        RequireExists();
        await writes.DurableAsync();
        return Schedule.Availability(from, to);
    }

    public async Task<BookingView?> FindBookingAsync(Guid bookingId)
    {
        await writes.DurableAsync();
        return Schedule.Find(bookingId);
    }

    public Task<BookingView> BookAsync(BookAmenity command, Actor actor)
    {
        RequireExists();
        var schedule = Schedule;
        if (schedule.Find(command.BookingId) is { } known)
        {
            return Task.FromResult(known);
        }

        var view = Stage(schedule.Book(command, TimeProvider.GetUtcNow()));

        // The reply waits for this commit while the next booking already runs.
        return SavedAsync(view);
    }

    private async Task<BookingView> SavedAsync(BookingView view)
    {
        await SaveAsync();
        return view;
    }

    public Task<BookingView> CancelAsync(Guid bookingId, Actor actor) =>
        ActAsync((schedule, now) => schedule.Cancel(bookingId, now));

    public Task<BookingView> ApproveAsync(Guid bookingId, Actor actor) =>
        AuditedAsync(bookingId, AuditActions.Approved, actor, (schedule, now) => schedule.Approve(bookingId, now));

    public Task<BookingView> RejectAsync(Guid bookingId, Actor actor) =>
        AuditedAsync(bookingId, AuditActions.Rejected, actor, (schedule, now) => schedule.Reject(bookingId, now));

    public Task<BookingView> CheckInAsync(Guid bookingId, Actor actor) =>
        ActAsync((schedule, now) => schedule.CheckIn(bookingId, now));

    public async Task<BookingView> ConfirmHoldAsync(Guid bookingId, Actor actor)
    {
        RequireExists();
        var now = TimeProvider.GetUtcNow();
        if (Schedule.HoldLapsed(bookingId, now))
        {
            // The reminder has not fired yet, but the hold is over: settle it now so the next in line gets the place.
            await SettleDeadlinesAsync();
            throw AmenitySchedule.InvalidTransition(bookingId, BookingStatuses.HoldExpired);
        }

        return await ActAsync((schedule, _) => schedule.ConfirmHold(bookingId, now));
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName == TickReminder && Exists)
        {
            await SettleDeadlinesAsync();
        }
    }

    private async Task SettleDeadlinesAsync()
    {
        EmitAll(Schedule.Settle(TimeProvider.GetUtcNow()));

        // The reminder that was due is gone, whichever one this turn settles.
        State.NextTickAt = null;
        ScheduleTick();
        await SaveAsync();
    }

    private async Task<BookingView> ActAsync(Func<AmenitySchedule, DateTimeOffset, BookingOutcome> act)
    {
        RequireExists();
        var view = Stage(act(Schedule, TimeProvider.GetUtcNow()));
        await SaveAsync();
        return view;
    }

    /// <summary>An operator's decision on a booking: its audit record, before and after, commits with the change.</summary>
    private async Task<BookingView> AuditedAsync(Guid bookingId, string action, Actor actor, Func<AmenitySchedule, DateTimeOffset, BookingOutcome> act)
    {
        RequireExists();
        var schedule = Schedule;
        var before = schedule.Find(bookingId);
        var now = TimeProvider.GetUtcNow();
        var outcome = act(schedule, now);
        EmitAll(outcome.Changes);
        AuditBooking(bookingId, action, actor, before, outcome.Booking, now);
        ScheduleTick();
        await SaveAsync();
        return outcome.Booking;
    }

    /// <summary>Stages what a decision moved: each booking's event and index row, and the lifecycle reminder.</summary>
    private BookingView Stage(BookingOutcome outcome)
    {
        EmitAll(outcome.Changes);
        ScheduleTick();
        return outcome.Booking;
    }

    private void EmitAll(IReadOnlyList<BookingRow> changes)
    {
        foreach (var change in changes)
        {
            Emit(change);
        }
    }

    /// <summary>A booking's new status: its event and index row commit with the amenity's next write.</summary>
    private void Emit(BookingRow booking)
    {
        Publish(BookingEvents.For(booking.Status), booking.View());
        SetBookingRow(booking);
    }

    /// <summary>The booking's durable record: what the API reads, and what the amenity rebuilds its open bookings from.</summary>
    private void SetBookingRow(BookingRow booking) =>
        SetIndex(new IndexEntry(
            AmenityIndexKinds.Booking, booking.Id.ToString("D"), Id.ToString("D"), State.CustomerId.ToString("D"), booking.Resident, booking.CreatedAt, null, booking));

    private void AuditBooking(Guid bookingId, string action, Actor actor, BookingView? before, BookingView after, DateTimeOffset now) =>
        RaiseEvent(
            AuditRecord.Namespace, bookingId,
            AuditRecord.EventType(AmenityIndexKinds.Booking, action),
            new AuditRecord(bookingId, AmenityIndexKinds.Booking, State.CustomerId, action, actor, before, after, now));

    /// <summary>Keeps the one lifecycle reminder on the schedule's next deadline; a turn that does not move it stages nothing.</summary>
    private void ScheduleTick()
    {
        var next = Schedule.NextDeadline();
        if (next == State.NextTickAt)
        {
            return;
        }

        State.NextTickAt = next;
        if (next is { } at)
        {
            SetReminder(TickReminder, at);
        }
        else
        {
            CancelReminder(TickReminder);
        }
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.PropertyId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private AmenityView View() => new(
        Id, State.PropertyId, State.CustomerId, State.Name, State.Timezone,
        State.OpeningHours.ToDictionary(static h => h.Key, static h => (IReadOnlyList<OpeningInterval>)h.Value.ToArray()),
        State.SlotMinutes, State.CapacityPerSlot, State.BlackoutDates.ToArray(), State.Rules, State.CreatedAt);
}
