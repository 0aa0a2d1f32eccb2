using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Reservations;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Reservations;

/// <summary>
/// One reservation and its guest journey (G1–G4). Two durable reminders drive it, each always due at the exact instant
/// of the next thing to happen: "stage" at the next time-driven stage, "touchpoint" at the earliest pending
/// touchpoint. A fire handles everything due by then, in order, and re-arms for what follows, so a late booking or a
/// date change that leaves touchpoints overdue fires them at once, and a repeated fire finds nothing left to do.
/// </summary>
[GrainType("reservation")]
public sealed class ReservationGrain([PersistentState("reservation")] IPersistentState<ReservationState> storage)
    : EntityGrain<ReservationState>(storage), IReservationGrain, IDeadlineReceiver
{
    private const string StageReminder = "stage";
    private const string TouchpointReminder = "touchpoint";
    private const int MaxLog = 500;
    private const int MaxCommentLength = 4000;
    private static readonly TimeSpan MaxStay = TimeSpan.FromDays(366);

    protected override string Kind => IndexKinds.Reservation;

    public async Task<ReservationView> CreateAsync(CreateReservation command, Actor actor)
    {
        if (Store.RecordExists)
        {
            // The id comes from the caller's Idempotency-Key: this is a retry of a create that already happened.
            return View();
        }

        var now = TimeProvider.GetUtcNow();
        var (checkIn, checkOut) = Dates(command.CheckIn, command.CheckOut, now);
        Store.State = new ReservationState
        {
            CustomerId = command.CustomerId,
            PropertyId = command.PropertyId,
            GuestName = Names.Require(command.GuestName, "guestName"),
            GuestEmail = command.GuestEmail is null ? null : Emails.Require(command.GuestEmail, "guestEmail"),
            GuestPhone = command.GuestPhone is null ? null : Identities.Phone(command.GuestPhone),
            CheckIn = checkIn,
            CheckOut = checkOut,
            Channel = TouchpointRules.Type(command.Channel, "channel"),
            Timezone = TimeZones.RequireIana(command.Timezone),
            Stage = JourneyStages.Booked,
            Stages = [new StageChange("", JourneyStages.Booked, now, "created")],
            Pending = TouchpointRules.Plan(TouchpointRules.Validate(command.Schedule), checkIn, checkOut),
            CreatedAt = now,
        };
        ArmStage();
        ArmTouchpoints();
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.ReservationCreated, View());
        await SaveAsync();
        return View();
    }

    public Task<ReservationView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public Task<JourneyView> GetJourneyAsync()
    {
        RequireExists();
        return Task.FromResult(Journey());
    }

    public async Task<ReservationView> RescheduleAsync(DateTimeOffset? checkIn, DateTimeOffset? checkOut, Actor actor)
    {
        RequireExists();
        var stage = JourneyStages.IndexOf(State.Stage);
        if (stage < 0 || stage >= JourneyStages.IndexOf(JourneyStages.CheckedOut))
        {
            throw new DomainException("invalid_transition", $"A journey in stage {State.Stage} can no longer change its dates.", DomainErrorKind.Conflict);
        }

        if (checkIn is { } newCheckIn && newCheckIn != State.CheckIn && stage >= JourneyStages.IndexOf(JourneyStages.CheckedIn))
        {
            throw new DomainException("already_checked_in", "The guest has checked in: only the check-out date can still change.", DomainErrorKind.Conflict);
        }

        var before = View();
        (State.CheckIn, State.CheckOut) = Dates(checkIn ?? State.CheckIn, checkOut ?? State.CheckOut, TimeProvider.GetUtcNow());
        State.Pending = TouchpointRules.Plan(
            State.Pending.Select(static t => new TouchpointRule(t.Type, t.OffsetMinutes, t.RelativeTo, t.Channel)), State.CheckIn, State.CheckOut);
        ArmStage();
        ArmTouchpoints();
        Audit(AuditActions.Updated, actor, before, View());
        Publish(EventTypes.ReservationUpdated, View());
        await SaveAsync();
        return View();
    }

    public Task<ReservationView> CheckInAsync(Actor actor) => ActAsync(JourneyStages.CheckInEvent, actor, JourneyStages.CheckedIn);

    public Task<ReservationView> CheckOutAsync(Actor actor) => ActAsync(JourneyStages.CheckOutEvent, actor, JourneyStages.CheckedOut);

    public Task<ReservationView> CancelAsync(Actor actor) => ActAsync(JourneyStages.CancelEvent, actor, JourneyStages.Cancelled);

    public Task<ReservationView> ReviewAsync(int? rating, string? comment, Actor actor)
    {
        RequireExists();
        var stars = Numbers.Require(rating, "rating", 1, 5);
        if (comment is { Length: > MaxCommentLength })
        {
            throw DomainException.Validation("comment", $"comment must be at most {MaxCommentLength} characters.");
        }

        return ActAsync(JourneyStages.ReviewEvent, actor, null, () => State.Review = new ReservationReview(stars, comment?.Trim(), TimeProvider.GetUtcNow()));
    }

    public async Task<JourneyView> LogTouchpointAsync(LogTouchpoint command, Actor actor)
    {
        RequireExists();
        if (State.Log.Exists(entry => entry.Id == command.EntryId))
        {
            // The entry id comes from the caller's Idempotency-Key: this is a retry of a touchpoint already logged.
            return Journey();
        }

        var type = TouchpointRules.Type(command.Type);
        var channel = TouchpointRules.Channel(command.Channel);
        if (command.Note is { Length: > MaxCommentLength })
        {
            throw DomainException.Validation("note", $"note must be at most {MaxCommentLength} characters.");
        }

        Fire(new TouchpointEntry(command.EntryId, type, channel, "manual", State.Stage, null, TimeProvider.GetUtcNow(), command.Note?.Trim(), command.TicketId));
        Audit(AuditActions.TouchpointLogged, actor, null, State.Log[^1]);
        await SaveAsync();
        return Journey();
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (!Exists)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        if (reminderName == StageReminder)
        {
            if (JourneyStages.DueStage(State.Stage, Timeline(), now) is { } due)
            {
                MoveTo(due, now, "time");
            }

            ArmStage();
        }
        else if (reminderName == TouchpointReminder)
        {
            var due = State.Pending.TakeWhile(t => t.DueAt <= now).ToList();
            State.Pending.RemoveRange(0, due.Count);
            foreach (var touchpoint in due)
            {
                Fire(new TouchpointEntry(Guid.NewGuid(), touchpoint.Type, touchpoint.Channel, "scheduled", State.Stage, touchpoint.DueAt, now, null, null));
            }

            ArmTouchpoints();
        }

        await SaveAsync();
    }

    /// <summary>
    /// An event that moves the journey. Repeating the one that brought it to its current stage answers the current
    /// view, so a retried check-in does not fail; <paramref name="target"/> null means the event's target is not a retry.
    /// </summary>
    private async Task<ReservationView> ActAsync(string action, Actor actor, string? target, Action? apply = null)
    {
        RequireExists();
        if (target is not null && State.Stage == target)
        {
            return View();
        }

        var next = JourneyStages.ByEvent(State.Stage, action);
        var before = View();
        var now = TimeProvider.GetUtcNow();
        apply?.Invoke();
        switch (action)
        {
            case JourneyStages.CheckInEvent:
                State.CheckedInAt = now;
                break;
            case JourneyStages.CheckOutEvent:
                State.CheckedOutAt = now;
                break;
            case JourneyStages.CancelEvent:
                State.CancelledAt = now;
                break;
        }

        MoveTo(next, now, action);
        ArmStage();
        Audit(JourneyStages.AuditAction(action), actor, before, View());
        if (action == JourneyStages.CancelEvent)
        {
            Publish(EventTypes.ReservationCancelled, View());
        }

        await SaveAsync();
        return View();
    }

    private void MoveTo(string stage, DateTimeOffset at, string cause)
    {
        var from = State.Stage;
        State.Stage = stage;
        State.Stages.Add(new StageChange(from, stage, at, cause));
        Publish(EventTypes.JourneyStageChanged, new JourneyStageChanged(Id, Id, State.CustomerId, State.PropertyId, from, stage, at, cause));
        if (JourneyStages.IsFinal(stage))
        {
            // A closed or cancelled journey says nothing more to the guest.
            State.Pending.Clear();
            ArmTouchpoints();
        }
    }

    private void Fire(TouchpointEntry entry)
    {
        State.Log.Add(entry);
        if (State.Log.Count > MaxLog)
        {
            State.Log.RemoveRange(0, State.Log.Count - MaxLog);
        }

        Publish(EventTypes.TouchpointFired, new TouchpointFired(entry.Id, Id, State.CustomerId, State.PropertyId, entry));
    }

    private void ArmStage()
    {
        if (JourneyStages.Next(State.Stage, Timeline()) is { } next)
        {
            SetReminder(StageReminder, next.At);
        }
        else
        {
            CancelReminder(StageReminder);
        }
    }

    private void ArmTouchpoints()
    {
        if (State.Pending.Count > 0)
        {
            SetReminder(TouchpointReminder, State.Pending[0].DueAt);
        }
        else
        {
            CancelReminder(TouchpointReminder);
        }
    }

    private IReadOnlyList<(string Stage, DateTimeOffset At)> Timeline() => JourneyStages.Timeline(State.CheckIn, State.CheckOut, State.Timezone);

    private static (DateTimeOffset CheckIn, DateTimeOffset CheckOut) Dates(DateTimeOffset? checkIn, DateTimeOffset? checkOut, DateTimeOffset now)
    {
        var start = checkIn ?? throw DomainException.Validation("checkIn", "checkIn is required.");
        var end = checkOut ?? throw DomainException.Validation("checkOut", "checkOut is required.");
        if (end <= start)
        {
            throw DomainException.Validation("checkOut", "checkOut must be after checkIn.");
        }

        if (end - start > MaxStay)
        {
            throw DomainException.Validation("checkOut", "A stay lasts at most 366 days.");
        }

        if (end <= now)
        {
            throw DomainException.Validation("checkOut", "checkOut must be in the future.");
        }

        return (start, end);
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.PropertyId.ToString("D"), State.CustomerId.ToString("D"), State.GuestName, State.CreatedAt, null, View());

    private ReservationView View() => new(
        Id, State.CustomerId, State.PropertyId, State.GuestName, State.GuestEmail, State.GuestPhone, State.CheckIn, State.CheckOut, State.Channel,
        State.Timezone, State.Stage, State.CheckedInAt, State.CheckedOutAt, State.Review, State.CreatedAt, State.CancelledAt);

    private JourneyView Journey()
    {
        var next = JourneyStages.Next(State.Stage, Timeline());
        return new JourneyView(
            Id, Id, State.CustomerId, State.PropertyId, State.Stage, State.Stages.ToArray(), State.Log.ToArray(), State.Pending.ToArray(),
            State.Pending.Count > 0 ? State.Pending[0] : null,
            next is { } n ? new UpcomingStage(n.Stage, n.At) : null);
    }
}
