using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;

namespace Vrps.Grains.Amenities;

/// <summary>
/// Every decision about an amenity's slots, pure: the booking rules (A2), capacity per slot (A3), the waitlist in
/// arrival order with holds on freed places (A4) and the booking lifecycle (A5). It decides on the amenity's state in
/// memory with the time passed in, and reports each booking whose status moved, in order, so the grain can publish it
/// and write its index row in the same commit as the state. The open bookings and slots it decides on are
/// <paramref name="open"/>, in memory; their durable record is the bookings' rows (<see cref="Restore"/>).
/// </summary>
internal sealed partial class AmenitySchedule(Guid amenityId, AmenityState state, OpenBookings open)
{
    /// <summary>The statuses of a booking the amenity still tracks: the ones an activation reads back.</summary>
    public static readonly IReadOnlyList<string> OpenStatuses =
        [BookingStatuses.PendingApproval, BookingStatuses.Confirmed, BookingStatuses.Waitlisted, BookingStatuses.Held, BookingStatuses.CheckedIn];

    /// <summary>A schedule with no open bookings yet (a new amenity, or a test).</summary>
    public AmenitySchedule(Guid amenityId, AmenityState state)
        : this(amenityId, state, new OpenBookings())
    {
    }

    /// <summary>Residents arrive a little early; checking in earlier than this is almost certainly the wrong booking.</summary>
    private static readonly TimeSpan CheckInLead = TimeSpan.FromMinutes(30);

    private const int DefaultHoldMinutes = 15;

    private readonly List<BookingRow> changes = [];

    /// <summary>The state of a new amenity, or the validation failure of the first field that does not hold.</summary>
    public static AmenityState Define(CreateAmenity command, AmenityContext context, DateTimeOffset now)
    {
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
        rules = rules with { WaitlistHoldMinutes = Optional(rules.WaitlistHoldMinutes, "rules.waitlistHoldMinutes", 1, 10_080) ?? DefaultHoldMinutes };

        return new AmenityState
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
            CreatedAt = now,
        };
    }

    public AmenityAvailability Availability(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from || to - from > TimeSpan.FromDays(AmenityCalendar.MaxAvailabilityDays))
        {
            throw DomainException.Validation("to", $"to must be after from, at most {AmenityCalendar.MaxAvailabilityDays} days later.");
        }

        var slots = AmenityCalendar.SlotStarts(from, to, state.Timezone, state.OpeningHours, state.SlotMinutes, state.BlackoutDates)
            .Select(start =>
            {
                var entry = open.Slots.GetValueOrDefault(start.ToUnixTimeMilliseconds());
                var taken = entry?.Taken ?? 0;
                return new SlotAvailability(
                    start, start.AddMinutes(state.SlotMinutes), state.CapacityPerSlot, taken, Math.Max(0, state.CapacityPerSlot - taken), entry?.Waitlist.Count ?? 0);
            })
            .ToList();
        return new AmenityAvailability(amenityId, state.PropertyId, slots);
    }

    /// <summary>A booking still tracked here (not final), with its live waitlist position; null once it has ended.</summary>
    public BookingView? Find(Guid bookingId) => open.Bookings.ContainsKey(bookingId) ? ViewOf(bookingId) : null;

    /// <summary>
    /// Refuses a booking against the rules, or places it: confirmed (or pending approval) when every slot it covers has
    /// a place and nobody waits for its first slot, waitlisted otherwise.
    /// </summary>
    public BookingOutcome Book(BookAmenity command, DateTimeOffset now)
    {
        var resident = Names.Require(command.Resident, "resident");
        if (command.End <= command.Start)
        {
            throw DomainException.Validation("end", "end must be after start.");
        }

        var date = AmenityCalendar.Locate(command.Start, command.End, state.Timezone, state.OpeningHours, state.SlotMinutes);
        var rules = state.Rules;
        if (state.BlackoutDates.Contains(date))
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
        PruneQuotaDaily(now);

        var entry = new BookingEntry
        {
            UnitId = command.UnitId,
            Resident = resident,
            Start = command.Start,
            End = command.End,
            LocalDate = date,
            CreatedAt = now,
            UpdatedAt = now,
            Arrival = open.NextArrival++,
        };
        open.Bookings[command.BookingId] = entry;
        CountQuota(command.UnitId, date);

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

            // Its place is the end of the line: no search of a waitlist that may be thousands long.
            return Outcome(Change(command.BookingId, entry, BookingStatuses.Waitlisted, now, first.Waitlist.Count));
        }

        return Outcome(ViewOf(command.BookingId));
    }

    /// <summary>Cancels a booking that still stands, unless its start is within the cancellation cutoff; its place goes to the waitlist.</summary>
    public BookingOutcome Cancel(Guid bookingId, DateTimeOffset now) =>
        Act(bookingId, [BookingStatuses.PendingApproval, BookingStatuses.Confirmed, BookingStatuses.Held, BookingStatuses.Waitlisted], now, entry =>
        {
            if (BookingStatuses.TakesPlace(entry.Status) && state.Rules.CancellationCutoffMinutes is { } cutoff && now > entry.Start.AddMinutes(-cutoff))
            {
                throw new DomainException("cancellation_cutoff", $"Bookings can no longer be cancelled within {cutoff} minutes of their start.", DomainErrorKind.Refused);
            }

            Leave(bookingId, entry);
            Change(bookingId, entry, BookingStatuses.Cancelled, now);
            Promote(now);
        });

    public BookingOutcome Approve(Guid bookingId, DateTimeOffset now) =>
        Act(bookingId, [BookingStatuses.PendingApproval], now, entry => Change(bookingId, entry, BookingStatuses.Confirmed, now));

    /// <summary>Rejects a booking waiting for approval; the place it held goes to the waitlist.</summary>
    public BookingOutcome Reject(Guid bookingId, DateTimeOffset now) =>
        Act(bookingId, [BookingStatuses.PendingApproval], now, entry =>
        {
            Leave(bookingId, entry);
            Change(bookingId, entry, BookingStatuses.Rejected, now);
            Promote(now);
        });

    /// <summary>Checks in a confirmed booking from a little before its start until its end.</summary>
    public BookingOutcome CheckIn(Guid bookingId, DateTimeOffset now) =>
        Act(bookingId, [BookingStatuses.Confirmed], now, entry =>
        {
            if (now < entry.Start - CheckInLead || now >= entry.End)
            {
                throw new DomainException("outside_check_in_window", $"Check-in opens {CheckInLead.TotalMinutes:0} minutes before the start and closes at the end.", DomainErrorKind.Refused);
            }

            Change(bookingId, entry, BookingStatuses.CheckedIn, now);
        });

    /// <summary>Whether the booking is held for its holder and the hold is over, though nothing has settled it yet.</summary>
    public bool HoldLapsed(Guid bookingId, DateTimeOffset now)
    {
        var entry = Live(bookingId);
        return entry.Status == BookingStatuses.Held && entry.HoldExpiresAt <= now;
    }

    /// <summary>Takes the place held for a booking promoted from the waitlist, while the hold lasts.</summary>
    public BookingOutcome ConfirmHold(Guid bookingId, DateTimeOffset now)
    {
        if (HoldLapsed(bookingId, now))
        {
            throw InvalidTransition(bookingId, BookingStatuses.HoldExpired);
        }

        return Act(bookingId, [BookingStatuses.Held], now, entry =>
            Change(bookingId, entry, state.Rules.RequiresApproval ? BookingStatuses.PendingApproval : BookingStatuses.Confirmed, now));
    }

    /// <summary>
    /// Lapses due holds and closes bookings whose slot has ended (a confirmed booking nobody checked in to is a no-show),
    /// forgets ended slots, then hands freed places to the waitlist.
    /// </summary>
    public IReadOnlyList<BookingRow> Settle(DateTimeOffset now)
    {
        foreach (var (id, entry) in open.Bookings.ToList())
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

        foreach (var key in open.Slots.Where(s => DateTimeOffset.FromUnixTimeMilliseconds(s.Key).AddMinutes(state.SlotMinutes) <= now).Select(static s => s.Key).ToList())
        {
            open.Slots.Remove(key);
        }

        Promote(now);
        PruneQuota(now);
        return TakeChanges();
    }

    /// <summary>When <see cref="Settle"/> next has something to do: the earliest hold lapse or booking end; null when nothing is tracked.</summary>
    public DateTimeOffset? NextDeadline()
    {
        if (!open.DeadlineKnown)
        {
            DateTimeOffset? next = null;
            foreach (var entry in open.Bookings.Values)
            {
                var due = Due(entry);
                next = next is null || due < next ? due : next;
            }

            open.NextDeadline = next;
            open.DeadlineKnown = true;
        }

        return open.NextDeadline;
    }

    /// <summary>
    /// Rebuilds the open bookings of an amenity from their records (on activation): places taken per slot, and each
    /// slot's waitlist in arrival order (A4). Records without an arrival number (written before it existed) keep the
    /// order they are given in, after those with one.
    /// </summary>
    public void Restore(IEnumerable<(Guid Id, BookingEntry Entry)> bookings)
    {
        var waiting = new List<(Guid Id, BookingEntry Entry)>();
        foreach (var (id, entry) in bookings)
        {
            if (BookingStatuses.IsFinal(entry.Status) || !open.Bookings.TryAdd(id, entry))
            {
                continue;
            }

            open.NextArrival = Math.Max(open.NextArrival, entry.Arrival + 1);
            if (BookingStatuses.TakesPlace(entry.Status))
            {
                TakePlaces(entry);
            }
            else if (entry.Status == BookingStatuses.Waitlisted)
            {
                waiting.Add((id, entry));
            }
        }

        foreach (var (id, entry) in waiting.OrderBy(static w => w.Entry.Arrival == 0 ? long.MaxValue : w.Entry.Arrival))
        {
            SlotOf(entry.Start).Waitlist.Add(id);
        }

        open.DeadlineKnown = false;
    }

    /// <summary>
    /// The open bookings of a state written before issue 13, numbered in arrival order: the places holders first,
    /// then each slot's waitlist in its stored order, so <see cref="Restore"/> rebuilds the same lines.
    /// </summary>
    public static IReadOnlyList<(Guid Id, BookingEntry Entry)> Legacy(AmenityState state)
    {
        var bookings = state.Bookings ?? [];
        var waitlisted = (state.Slots ?? []).OrderBy(static s => s.Key).SelectMany(static s => s.Value.Waitlist).Where(bookings.ContainsKey).ToList();
        var inLine = waitlisted.ToHashSet();
        var ordered = bookings.Where(b => !inLine.Contains(b.Key)).OrderBy(static b => b.Value.CreatedAt).Select(static b => b.Key).Concat(waitlisted);
        var arrival = 0L;
        var result = new List<(Guid, BookingEntry)>();
        foreach (var id in ordered)
        {
            var entry = bookings[id];
            entry.Arrival = ++arrival;
            result.Add((id, entry));
        }

        return result;
    }

    /// <summary>The row of an open booking as it stands (for rewriting rows, e.g. when moving a legacy state to rows).</summary>
    public BookingRow RowOf(Guid bookingId) => RowOf(bookingId, open.Bookings[bookingId], null);

    private static DateTimeOffset Due(BookingEntry entry) =>
        entry.Status == BookingStatuses.Held && entry.HoldExpiresAt is { } hold && hold < entry.End ? hold : entry.End;

    public static DomainException InvalidTransition(Guid bookingId, string status) =>
        new("invalid_transition", $"Booking {bookingId} is {status}; that action is not possible from {status}.", DomainErrorKind.Conflict);

    private BookingOutcome Act(Guid bookingId, string[] from, DateTimeOffset now, Action<BookingEntry> act)
    {
        var entry = Live(bookingId);
        if (!from.Contains(entry.Status))
        {
            throw InvalidTransition(bookingId, entry.Status);
        }

        act(entry);
        return Outcome(open.Bookings.ContainsKey(bookingId) ? ViewOf(bookingId) : RowOf(bookingId, entry, null).View());
    }

    /// <remarks>Finished bookings are no longer tracked here; the API reads their final status from the index first.</remarks>
    private BookingEntry Live(Guid bookingId) =>
        open.Bookings.GetValueOrDefault(bookingId)
            ?? throw new DomainException("invalid_transition", $"Booking {bookingId} has already ended.", DomainErrorKind.Conflict);

    private IEnumerable<long> SlotKeys(BookingEntry entry)
    {
        for (var start = entry.Start; start < entry.End; start = start.AddMinutes(state.SlotMinutes))
        {
            yield return start.ToUnixTimeMilliseconds();
        }
    }

    private SlotEntry SlotOf(DateTimeOffset start)
    {
        var key = start.ToUnixTimeMilliseconds();
        if (!open.Slots.TryGetValue(key, out var slot))
        {
            slot = new SlotEntry();
            open.Slots[key] = slot;
        }

        return slot;
    }

    private bool Fits(BookingEntry entry) =>
        SlotKeys(entry).All(key => (open.Slots.GetValueOrDefault(key)?.Taken ?? 0) < state.CapacityPerSlot);

    private void TakePlaces(BookingEntry entry)
    {
        foreach (var key in SlotKeys(entry))
        {
            SlotOf(DateTimeOffset.FromUnixTimeMilliseconds(key)).Taken++;
        }
    }

    /// <summary>Gives back the booking's places, or its waitlist spot.</summary>
    private void Leave(Guid bookingId, BookingEntry entry)
    {
        if (BookingStatuses.TakesPlace(entry.Status))
        {
            foreach (var key in SlotKeys(entry))
            {
                if (open.Slots.TryGetValue(key, out var slot))
                {
                    slot.Taken = Math.Max(0, slot.Taken - 1);
                }
            }
        }
        else if (entry.Status == BookingStatuses.Waitlisted)
        {
            open.Slots.GetValueOrDefault(entry.Start.ToUnixTimeMilliseconds())?.Waitlist.Remove(bookingId);
        }
    }

    /// <summary>
    /// A4: freed places go to the first in line of each future slot, in arrival order. The head is never skipped for a
    /// later booking that would fit, so waiting longer never loses a turn.
    /// </summary>
    private void Promote(DateTimeOffset now)
    {
        var waiting = open.Slots.Where(s => s.Value.Waitlist.Count > 0 && DateTimeOffset.FromUnixTimeMilliseconds(s.Key) > now).OrderBy(static s => s.Key);
        foreach (var slot in waiting.Select(static s => s.Value).ToList())
        {
            while (slot.Waitlist.Count > 0 && open.Bookings.GetValueOrDefault(slot.Waitlist[0]) is { } head && Fits(head))
            {
                var id = slot.Waitlist[0];
                slot.Waitlist.RemoveAt(0);
                TakePlaces(head);
                if (state.Rules.AutoBookFromWaitlist)
                {
                    Change(id, head, state.Rules.RequiresApproval ? BookingStatuses.PendingApproval : BookingStatuses.Confirmed, now);
                }
                else
                {
                    head.HoldExpiresAt = now.AddMinutes(state.Rules.WaitlistHoldMinutes ?? DefaultHoldMinutes);
                    Change(id, head, BookingStatuses.Held, now);
                }
            }
        }
    }

    /// <summary>Moves a booking to a new status and records the move; a final status stops tracking it here.</summary>
    /// <param name="position">Its waitlist position when the caller knows it, saving a search of the line.</param>
    /// <returns>The booking's view after the move.</returns>
    private BookingView Change(Guid bookingId, BookingEntry entry, string status, DateTimeOffset now, int? position = null)
    {
        var before = entry.Status;
        entry.Status = status;
        entry.UpdatedAt = now;
        if (status != BookingStatuses.Held)
        {
            entry.HoldExpiresAt = null;
        }

        // A new or moved booking only lowers the earliest deadline; one that leaves or ends a hold may raise it.
        if (before == BookingStatuses.Held || BookingStatuses.IsFinal(status))
        {
            open.DeadlineKnown = false;
        }
        else if (open.DeadlineKnown && (open.NextDeadline is not { } next || Due(entry) < next))
        {
            open.NextDeadline = Due(entry);
        }

        var row = RowOf(bookingId, entry, position);
        changes.Add(row);
        if (BookingStatuses.IsFinal(status))
        {
            open.Bookings.Remove(bookingId);
            if (status is BookingStatuses.Cancelled or BookingStatuses.Rejected or BookingStatuses.HoldExpired or BookingStatuses.Expired)
            {
                ReleaseQuota(entry.UnitId, entry.LocalDate);
            }
        }

        return row.View();
    }

    private BookingOutcome Outcome(BookingView booking) => new(booking, TakeChanges());

    private BookingRow[] TakeChanges()
    {
        var taken = changes.ToArray();
        changes.Clear();
        return taken;
    }

    private static int? Optional(int? value, string field, int min, int max) =>
        value is { } v ? Numbers.InRange(v, field, min, max) : null;

    private BookingView ViewOf(Guid bookingId) => RowOf(bookingId, open.Bookings[bookingId], null).View();

    private BookingRow RowOf(Guid bookingId, BookingEntry entry, int? position)
    {
        if (entry.Status != BookingStatuses.Waitlisted)
        {
            position = null;
        }
        else if (position is null && open.Slots.GetValueOrDefault(entry.Start.ToUnixTimeMilliseconds()) is { } slot)
        {
            position = slot.Waitlist.IndexOf(bookingId) + 1;
        }

        return new BookingRow(
            bookingId, amenityId, state.PropertyId, state.CustomerId, entry.UnitId, entry.Resident, entry.Start, entry.End, entry.Status, position,
            entry.HoldExpiresAt, entry.CreatedAt, entry.UpdatedAt, entry.Arrival, entry.LocalDate);
    }
}
