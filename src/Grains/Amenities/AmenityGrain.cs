using Vrps.Grains.Common;
using Vrps.Grains.Rules;
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
[GrainType("amenity")]
[Reentrant]
public sealed class AmenityGrain : EntityGrain<AmenityState>, IAmenityGrain, IDeadlineReceiver
{
    private const string TickReminder = "booking-deadlines";

    private readonly CoalescedWrites writes;

    /// <remarks>A hot grain: reentrant, deciding synchronously and saving through <see cref="CoalescedWrites"/>.</remarks>
    public AmenityGrain([PersistentState("amenity")] IPersistentState<AmenityState> storage)
        : base(storage)
    {
        writes = new CoalescedWrites(base.SaveAsync, DeactivateOnIdle);
    }

    protected override Task SaveAsync() => writes.SaveAsync();

    /// <summary>Residents arrive a little early; checking in earlier than this is almost certainly the wrong booking.</summary>
    private static readonly TimeSpan CheckInLead = TimeSpan.FromMinutes(30);

    /// <summary>Quota counters older than the longest quota window (a month) are no longer read.</summary>
    private const int QuotaMemoryDays = 40;

    protected override string Kind => AmenityIndexKinds.Amenity;

    public async Task<AmenityView> InitializeAsync(CreateAmenity command, AmenityContext context, Actor actor)
    {
        RequireNew();
        var name = Names.Require(command.Name);
        var slot = Numbers.Require(command.SlotMinutes, "slotMinutes", 5, 24 * 60);
        var capacity = Numbers.Require(command.CapacityPerSlot, "capacityPerSlot", 1, 100_000);
        var hours = AmenityCalendar.ValidateHours(command.OpeningHours, slot);
        var rules = command.Rules ?? new BookingRules(null, null, null, null, null, false, null, false);
        Optional(rules.MaxBookingsPerUnit?.Day, "rules.maxBookingsPerUnit.day", 1, 1_000);
        Optional(rules.MaxBookingsPerUnit?.Week, "rules.maxBookingsPerUnit.week", 1, 1_000);
        Optional(rules.MaxBookingsPerUnit?.Month, "rules.maxBookingsPerUnit.month", 1, 1_000);
        Optional(rules.MinLeadMinutes, "rules.minLeadMinutes", 0, 525_600);
        Optional(rules.MaxDaysAhead, "rules.maxDaysAhead", 1, 730);
        Optional(rules.MaxDurationMinutes, "rules.maxDurationMinutes", slot, 24 * 60);
        Optional(rules.CancellationCutoffMinutes, "rules.cancellationCutoffMinutes", 0, 525_600);
        rules = rules with { WaitlistHoldMinutes = Optional(rules.WaitlistHoldMinutes, "rules.waitlistHoldMinutes", 1, 10_080) ?? 15 };

        Store.State = new AmenityState
        {
            CustomerId = context.CustomerId,
            PropertyId = context.PropertyId,
            Timezone = context.Timezone,
            Name = name,
            OpeningHours = hours,
            SlotMinutes = slot,
            CapacityPerSlot = capacity,
            BlackoutDates = (command.BlackoutDates ?? []).Distinct().Order().ToList(),
            Rules = rules,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
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
        if (to <= from || to - from > TimeSpan.FromDays(AmenityCalendar.MaxAvailabilityDays))
        {
            throw DomainException.Validation("to", $"to must be after from, at most {AmenityCalendar.MaxAvailabilityDays} days later.");
        }

        var slots = AmenityCalendar.SlotStarts(from, to, State.Timezone, State.OpeningHours, State.SlotMinutes, State.BlackoutDates)
            .Select(start =>
            {
                var entry = State.Slots.GetValueOrDefault(start.ToUnixTimeMilliseconds());
                var taken = entry?.Taken ?? 0;
                return new SlotAvailability(
                    start, start.AddMinutes(State.SlotMinutes), State.CapacityPerSlot, taken, Math.Max(0, State.CapacityPerSlot - taken), entry?.Waitlist.Count ?? 0);
            })
            .ToList();
        return new AmenityAvailability(Id, State.PropertyId, slots);
    }

    public async Task<BookingView?> FindBookingAsync(Guid bookingId)
    {
        await writes.DurableAsync();
        return State.Bookings.ContainsKey(bookingId) ? BookingViewOf(bookingId) : null;
    }

    public Task<BookingView> BookAsync(BookAmenity command, Actor actor)
    {
        RequireExists();
        if (State.Bookings.ContainsKey(command.BookingId))
        {
            return Task.FromResult(BookingViewOf(command.BookingId));
        }

        var resident = Names.Require(command.Resident, "resident");
        if (command.End <= command.Start)
        {
            throw DomainException.Validation("end", "end must be after start.");
        }

        var date = AmenityCalendar.Locate(command.Start, command.End, State.Timezone, State.OpeningHours, State.SlotMinutes);
        var rules = State.Rules;
        var now = TimeProvider.GetUtcNow();
        if (State.BlackoutDates.Contains(date))
        {
            throw new DomainException("blackout", $"The amenity is closed on {date:yyyy-MM-dd}.", DomainErrorKind.Refused);
        }

        if (command.Start < now.AddMinutes(rules.MinLeadMinutes ?? 0))
        {
            throw new DomainException("too_soon", $"Bookings must start at least {rules.MinLeadMinutes ?? 0} minutes from now.", DomainErrorKind.Refused);
        }

        if (rules.MaxDaysAhead is { } days && command.Start > now.AddDays(days))
        {
            throw new DomainException("too_far_ahead", $"Bookings may start at most {days} days ahead.", DomainErrorKind.Refused);
        }

        if (rules.MaxDurationMinutes is { } longest && (command.End - command.Start).TotalMinutes > longest)
        {
            throw new DomainException("too_long", $"Bookings may last at most {longest} minutes.", DomainErrorKind.Refused);
        }

        RequireQuota(command.UnitId, date);
        PruneQuota(now);

        var entry = new BookingEntry
        {
            UnitId = command.UnitId,
            Resident = resident,
            Start = command.Start,
            End = command.End,
            LocalDate = date,
            CreatedAt = now,
            UpdatedAt = now,
        };
        State.Bookings[command.BookingId] = entry;
        var key = UnitDayKey(command.UnitId, date);
        State.UnitDays[key] = State.UnitDays.GetValueOrDefault(key) + 1;

        // Arrival order is fair only if nobody passes a waiting booking, even when a place looks free to them.
        var first = SlotOf(command.Start);
        if (first.Waitlist.Count == 0 && Fits(entry))
        {
            TakePlaces(entry);
            Change(command.BookingId, entry, rules.RequiresApproval ? BookingStatuses.PendingApproval : BookingStatuses.Confirmed, now);
        }
        else
        {
            first.Waitlist.Add(command.BookingId);
            Change(command.BookingId, entry, BookingStatuses.Waitlisted, now);
        }

        var view = BookingViewOf(command.BookingId);
        ScheduleTick();

        // The reply waits for this commit while the next booking already runs.
        return SavedAsync(view);
    }

    private async Task<BookingView> SavedAsync(BookingView view)
    {
        await SaveAsync();
        return view;
    }

    public Task<BookingView> CancelAsync(Guid bookingId, Actor actor) =>
        ActAsync(bookingId, [BookingStatuses.PendingApproval, BookingStatuses.Confirmed, BookingStatuses.Held, BookingStatuses.Waitlisted], (entry, now) =>
        {
            if (BookingStatuses.TakesPlace(entry.Status) && State.Rules.CancellationCutoffMinutes is { } cutoff && now > entry.Start.AddMinutes(-cutoff))
            {
                throw new DomainException("cancellation_cutoff", $"Bookings can no longer be cancelled within {cutoff} minutes of their start.", DomainErrorKind.Refused);
            }

            Leave(bookingId, entry);
            Change(bookingId, entry, BookingStatuses.Cancelled, now);
            Promote(now);
        });

    public Task<BookingView> ApproveAsync(Guid bookingId, Actor actor) =>
        ActAsync(bookingId, [BookingStatuses.PendingApproval], (entry, now) =>
        {
            var before = BookingViewOf(bookingId);
            var after = Change(bookingId, entry, BookingStatuses.Confirmed, now);
            AuditBooking(bookingId, AuditActions.Approved, actor, before, after, now);
        });

    public Task<BookingView> RejectAsync(Guid bookingId, Actor actor) =>
        ActAsync(bookingId, [BookingStatuses.PendingApproval], (entry, now) =>
        {
            var before = BookingViewOf(bookingId);
            Leave(bookingId, entry);
            var after = Change(bookingId, entry, BookingStatuses.Rejected, now);
            AuditBooking(bookingId, AuditActions.Rejected, actor, before, after, now);
            Promote(now);
        });

    public Task<BookingView> CheckInAsync(Guid bookingId, Actor actor) =>
        ActAsync(bookingId, [BookingStatuses.Confirmed], (entry, now) =>
        {
            if (now < entry.Start - CheckInLead || now >= entry.End)
            {
                throw new DomainException("outside_check_in_window", $"Check-in opens {CheckInLead.TotalMinutes:0} minutes before the start and closes at the end.", DomainErrorKind.Refused);
            }

            Change(bookingId, entry, BookingStatuses.CheckedIn, now);
        });

    public async Task<BookingView> ConfirmHoldAsync(Guid bookingId, Actor actor)
    {
        var entry = Live(bookingId);
        var now = TimeProvider.GetUtcNow();
        if (entry.Status == BookingStatuses.Held && entry.HoldExpiresAt <= now)
        {
            // The reminder has not fired yet, but the hold is over: settle it now so the next in line gets the place.
            await SettleDeadlinesAsync();
            throw InvalidTransition(bookingId, BookingStatuses.HoldExpired);
        }

        return await ActAsync(bookingId, [BookingStatuses.Held], (held, at) =>
            _ = Change(bookingId, held, State.Rules.RequiresApproval ? BookingStatuses.PendingApproval : BookingStatuses.Confirmed, at));
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName == TickReminder && Exists)
        {
            await SettleDeadlinesAsync();
        }
    }

    /// <summary>Lapses due holds and closes bookings whose slot has ended, then hands freed places to the waitlist.</summary>
    private async Task SettleDeadlinesAsync()
    {
        var now = TimeProvider.GetUtcNow();
        foreach (var (id, entry) in State.Bookings.ToList())
        {
            if (entry.Status == BookingStatuses.Held && entry.HoldExpiresAt <= now && entry.End > now)
            {
                Leave(id, entry);
                Change(id, entry, BookingStatuses.HoldExpired, now);
            }
            else if (entry.End <= now)
            {
                Leave(id, entry);
                Change(id, entry, entry.Status switch
                {
                    BookingStatuses.Confirmed => BookingStatuses.NoShow,
                    BookingStatuses.CheckedIn => BookingStatuses.Completed,
                    BookingStatuses.Held => BookingStatuses.HoldExpired,
                    _ => BookingStatuses.Expired,
                }, now);
            }
        }

        foreach (var key in State.Slots.Where(s => DateTimeOffset.FromUnixTimeMilliseconds(s.Key).AddMinutes(State.SlotMinutes) <= now).Select(static s => s.Key).ToList())
        {
            State.Slots.Remove(key);
        }

        Promote(now);
        PruneQuota(now);
        State.NextTickAt = null;
        ScheduleTick();
        await SaveAsync();
    }

    private async Task<BookingView> ActAsync(Guid bookingId, string[] from, Action<BookingEntry, DateTimeOffset> act)
    {
        var entry = Live(bookingId);
        if (!from.Contains(entry.Status))
        {
            throw InvalidTransition(bookingId, entry.Status);
        }

        act(entry, TimeProvider.GetUtcNow());
        var view = State.Bookings.ContainsKey(bookingId) ? BookingViewOf(bookingId) : ViewOf(bookingId, entry);
        ScheduleTick();
        await SaveAsync();
        return view;
    }

    private BookingEntry Live(Guid bookingId)
    {
        RequireExists();

        // Finished bookings are no longer tracked here; the API reads their final status from the index first.
        return State.Bookings.GetValueOrDefault(bookingId)
            ?? throw new DomainException("invalid_transition", $"Booking {bookingId} has already ended.", DomainErrorKind.Conflict);
    }

    private static DomainException InvalidTransition(Guid bookingId, string status) =>
        new("invalid_transition", $"Booking {bookingId} is {status}; that action is not possible from {status}.", DomainErrorKind.Conflict);

    private void RequireQuota(Guid unitId, DateOnly date)
    {
        if (State.Rules.MaxBookingsPerUnit is not { } quota)
        {
            return;
        }

        var day = Count(unitId, date, date);
        var weekStart = AmenityCalendar.WeekStart(date);
        var monthStart = new DateOnly(date.Year, date.Month, 1);
        if ((quota.Day is { } perDay && day >= perDay)
            || (quota.Week is { } perWeek && Count(unitId, weekStart, weekStart.AddDays(6)) >= perWeek)
            || (quota.Month is { } perMonth && Count(unitId, monthStart, monthStart.AddMonths(1).AddDays(-1)) >= perMonth))
        {
            throw new DomainException("unit_quota_reached", "This unit has reached its booking limit for that period.", DomainErrorKind.Refused);
        }
    }

    private int Count(Guid unitId, DateOnly from, DateOnly to)
    {
        var total = 0;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            total += State.UnitDays.GetValueOrDefault(UnitDayKey(unitId, date));
        }

        return total;
    }

    private void PruneQuota(DateTimeOffset now)
    {
        var oldest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-QuotaMemoryDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var key in State.UnitDays.Keys.Where(k => string.CompareOrdinal(k[(k.IndexOf(':', StringComparison.Ordinal) + 1)..], oldest) < 0).ToList())
        {
            State.UnitDays.Remove(key);
        }
    }

    private static string UnitDayKey(Guid unitId, DateOnly date) =>
        $"{unitId:N}:{date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    private IEnumerable<long> SlotKeys(BookingEntry entry)
    {
        for (var start = entry.Start; start < entry.End; start = start.AddMinutes(State.SlotMinutes))
        {
            yield return start.ToUnixTimeMilliseconds();
        }
    }

    private SlotEntry SlotOf(DateTimeOffset start)
    {
        var key = start.ToUnixTimeMilliseconds();
        if (!State.Slots.TryGetValue(key, out var slot))
        {
            slot = new SlotEntry();
            State.Slots[key] = slot;
        }

        return slot;
    }

    private bool Fits(BookingEntry entry) =>
        SlotKeys(entry).All(key => (State.Slots.GetValueOrDefault(key)?.Taken ?? 0) < State.CapacityPerSlot);

    private void TakePlaces(BookingEntry entry)
    {
        foreach (var key in SlotKeys(entry))
        {
            SlotOf(DateTimeOffset.FromUnixTimeMilliseconds(key)).Taken++;
        }
    }

    /// <summary>Gives back the booking's places, or its waitlist spot; the quota keeps only bookings that were used or still stand.</summary>
    private void Leave(Guid bookingId, BookingEntry entry)
    {
        if (BookingStatuses.TakesPlace(entry.Status))
        {
            foreach (var key in SlotKeys(entry))
            {
                if (State.Slots.TryGetValue(key, out var slot))
                {
                    slot.Taken = Math.Max(0, slot.Taken - 1);
                }
            }
        }
        else if (entry.Status == BookingStatuses.Waitlisted)
        {
            State.Slots.GetValueOrDefault(entry.Start.ToUnixTimeMilliseconds())?.Waitlist.Remove(bookingId);
        }
    }

    /// <summary>
    /// A4: freed places go to the first in line of each future slot, in arrival order. The head is never skipped for a
    /// later booking that would fit, so waiting longer never loses a turn.
    /// </summary>
    private void Promote(DateTimeOffset now)
    {
        var waiting = State.Slots.Where(s => s.Value.Waitlist.Count > 0 && DateTimeOffset.FromUnixTimeMilliseconds(s.Key) > now).OrderBy(static s => s.Key);
        foreach (var slot in waiting.Select(static s => s.Value).ToList())
        {
            while (slot.Waitlist.Count > 0 && State.Bookings.GetValueOrDefault(slot.Waitlist[0]) is { } head && Fits(head))
            {
                var id = slot.Waitlist[0];
                slot.Waitlist.RemoveAt(0);
                TakePlaces(head);
                if (State.Rules.AutoBookFromWaitlist)
                {
                    Change(id, head, State.Rules.RequiresApproval ? BookingStatuses.PendingApproval : BookingStatuses.Confirmed, now);
                }
                else
                {
                    head.HoldExpiresAt = now.AddMinutes(State.Rules.WaitlistHoldMinutes ?? 15);
                    Change(id, head, BookingStatuses.Held, now);
                }
            }
        }
    }

    /// <summary>Moves a booking to a new status: its event and index row commit with the amenity's next write.</summary>
    private BookingView Change(Guid bookingId, BookingEntry entry, string status, DateTimeOffset now)
    {
        entry.Status = status;
        entry.UpdatedAt = now;
        if (status != BookingStatuses.Held)
        {
            entry.HoldExpiresAt = null;
        }

        var view = State.Bookings.ContainsKey(bookingId) ? BookingViewOf(bookingId) : ViewOf(bookingId, entry);
        if (BookingStatuses.IsFinal(status))
        {
            State.Bookings.Remove(bookingId);
            if (status is BookingStatuses.Cancelled or BookingStatuses.Rejected or BookingStatuses.HoldExpired or BookingStatuses.Expired)
            {
                var key = UnitDayKey(entry.UnitId, entry.LocalDate);
                if (State.UnitDays.TryGetValue(key, out var count))
                {
                    State.UnitDays[key] = Math.Max(0, count - 1);
                }
            }
        }

        Publish(BookingEvents.For(status), view);
        SetIndex(new IndexEntry(
            AmenityIndexKinds.Booking, bookingId.ToString("D"), Id.ToString("D"), State.CustomerId.ToString("D"), entry.Resident, entry.CreatedAt, null, view));
        return view;
    }

    private void AuditBooking(Guid bookingId, string action, Actor actor, BookingView before, BookingView after, DateTimeOffset now) =>
        RaiseEvent(
            AuditRecord.Namespace, bookingId,
            AuditRecord.EventType(AmenityIndexKinds.Booking, action),
            new AuditRecord(bookingId, AmenityIndexKinds.Booking, State.CustomerId, action, actor, before, after, now));

    private void ScheduleTick()
    {
        DateTimeOffset? next = null;
        foreach (var entry in State.Bookings.Values)
        {
            var due = entry.Status == BookingStatuses.Held && entry.HoldExpiresAt is { } hold && hold < entry.End ? hold : entry.End;
            next = next is null || due < next ? due : next;
        }

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

    private static int? Optional(int? value, string field, int min, int max) =>
        value is { } v ? Numbers.InRange(v, field, min, max) : null;

    private BookingView BookingViewOf(Guid bookingId) => ViewOf(bookingId, State.Bookings[bookingId]);

    private BookingView ViewOf(Guid bookingId, BookingEntry entry)
    {
        int? position = null;
        if (entry.Status == BookingStatuses.Waitlisted && State.Slots.GetValueOrDefault(entry.Start.ToUnixTimeMilliseconds()) is { } slot)
        {
            position = slot.Waitlist.IndexOf(bookingId) + 1;
        }

        return new BookingView(
            bookingId, Id, State.PropertyId, State.CustomerId, entry.UnitId, entry.Resident, entry.Start, entry.End, entry.Status, position,
            entry.HoldExpiresAt, entry.CreatedAt, entry.UpdatedAt);
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.PropertyId.ToString("D"), State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private AmenityView View() => new(
        Id, State.PropertyId, State.CustomerId, State.Name, State.Timezone,
        State.OpeningHours.ToDictionary(static h => h.Key, static h => (IReadOnlyList<OpeningInterval>)h.Value),
        State.SlotMinutes, State.CapacityPerSlot, State.BlackoutDates, State.Rules, State.CreatedAt);
}
