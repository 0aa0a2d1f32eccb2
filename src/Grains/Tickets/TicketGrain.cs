using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Tickets;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Tickets;

/// <summary>
/// One service ticket (T1–T4): its state machine, its two SLA clocks, and the reminders that fire exactly when a
/// warning, breach or escalation falls due. Every change of a clock re-sets those reminders in the same commit, so
/// nothing ever sweeps for due tickets.
/// </summary>
[GrainType("ticket")]
public sealed class TicketGrain([PersistentState("ticket")] IPersistentState<TicketState> storage)
    : EntityGrain<TicketState>(storage), ITicketGrain, IDeadlineReceiver
{
    public const string ActivityKind = "ticket_activity";
    private const string FirstResponseClock = "first_response";
    private const string ResolutionClock = "resolution";
    private const int MaxText = 4000;

    protected override string Kind => IndexKinds.Ticket;

    public async Task<TicketView> CreateAsync(CreateTicket command, Actor actor)
    {
        if (Store.RecordExists)
        {
            // The id comes from the caller's Idempotency-Key: this is a retry of a create that already happened.
            return View();
        }

        if (command.Category is null || !SlaRules.Category().IsMatch(command.Category))
        {
            throw DomainException.Validation("category", "category must look like TYPE-CATEGORY, e.g. PC-PLUMBING.");
        }

        RequirePriority(command.Priority);
        if (string.IsNullOrWhiteSpace(command.Title) || command.Title.Length > 200)
        {
            throw DomainException.Validation("title", "title is required (at most 200 characters).");
        }

        if (command.Description?.Length > MaxText || command.Reporter?.Length > 200)
        {
            throw DomainException.Validation("description", $"description is at most {MaxText} characters and reporter at most 200.");
        }

        var policy = await GrainFactory.GetGrain<ISlaPolicyGrain>(command.CustomerId).MatchAsync(command.Category, command.Priority);
        var now = TimeProvider.GetUtcNow();
        Store.State = new TicketState
        {
            CustomerId = command.CustomerId,
            PropertyId = command.PropertyId,
            Timezone = command.Timezone,
            UnitId = command.UnitId,
            AmenityId = command.AmenityId,
            LotId = command.LotId,
            ReservationId = command.ReservationId,
            Category = command.Category,
            Priority = command.Priority,
            Title = command.Title.Trim(),
            Description = command.Description,
            Reporter = command.Reporter,
            Status = TicketStatuses.New,
            Policy = policy,
            FirstResponse = new SlaTimer { RunningSince = now },
            Resolution = new SlaTimer { RunningSince = now },
            CreatedAt = now,
        };
        Record("created", actor, null, TicketStatuses.New, new Dictionary<string, string> { ["priority"] = command.Priority, ["category"] = command.Category });
        Audit(AuditActions.Created, actor, null, View());
        Publish(EventTypes.TicketCreated, View());
        Schedule(now);
        await SaveAsync();
        return View();
    }

    public Task<TicketView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<TicketView> ActAsync(string action, string? assignee, Actor actor)
    {
        RequireExists();
        if (!TicketTransitions.Actions.Contains(action))
        {
            throw DomainException.Validation("action", $"action must be one of {string.Join(", ", TicketTransitions.Actions)}.");
        }

        if (action == TicketTransitions.Assign && (string.IsNullOrWhiteSpace(assignee) || assignee.Length > 200))
        {
            throw DomainException.Validation("assignee", "assignee is required (at most 200 characters).");
        }

        var before = View();
        var from = State.Status;
        var next = TicketTransitions.Next(from, action);
        var now = TimeProvider.GetUtcNow();
        var clock = Clock();
        if (from == TicketStatuses.New)
        {
            // The first move out of "new" is the first response, whatever it is.
            clock.Pause(State.FirstResponse, now);
            State.FirstResponse.Stopped = true;
            State.RespondedAt = now;
        }

        switch (next)
        {
            case TicketStatuses.OnHold:
                clock.Pause(State.Resolution, now);
                break;
            case TicketStatuses.InProgress when from is TicketStatuses.OnHold or TicketStatuses.Resolved or TicketStatuses.Closed:
                State.Resolution.Stopped = false;
                State.ResolvedAt = null;
                SlaClock.Run(State.Resolution, now);
                break;
            case TicketStatuses.Resolved:
                clock.Pause(State.Resolution, now);
                State.Resolution.Stopped = true;
                State.ResolvedAt = now;
                break;
            case TicketStatuses.Cancelled:
                clock.Pause(State.Resolution, now);
                State.Resolution.Stopped = true;
                break;
        }

        var details = new Dictionary<string, string>();
        if (action == TicketTransitions.Assign)
        {
            details["assignee"] = assignee!.Trim();
            if (State.Assignee is { } previous)
            {
                details["previousAssignee"] = previous;
            }

            State.Assignee = assignee.Trim();
        }

        State.Status = next;
        var done = TicketTransitions.Past(action);
        Record(done, actor, from, next, details.Count == 0 ? null : details);
        Audit(done, actor, before, View());
        Publish(TicketTransitions.EventType(action), View());
        Schedule(now);
        await SaveAsync();
        return View();
    }

    public async Task<TicketView> ChangePriorityAsync(string priority, Actor actor)
    {
        RequireExists();
        RequirePriority(priority);
        if (priority == State.Priority)
        {
            return View();
        }

        var before = View();
        var policy = await GrainFactory.GetGrain<ISlaPolicyGrain>(State.CustomerId).MatchAsync(State.Category, priority);
        var now = TimeProvider.GetUtcNow();
        foreach (var marker in Markers())
        {
            // The new policy may have other escalation levels: drop every old threshold before the new ones are set.
            CancelReminder(marker.Name);
        }

        var previous = State.Priority;
        State.Priority = priority;
        State.Policy = policy;
        Rearm(now);
        Record("priority_changed", actor, State.Status, State.Status, new Dictionary<string, string> { ["from"] = previous, ["to"] = priority });
        Audit(AuditActions.PriorityChanged, actor, before, View());
        Publish(EventTypes.TicketPriorityChanged, View());
        Schedule(now);
        await SaveAsync();
        return View();
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (!Exists || Markers().FirstOrDefault(m => m.Name == reminderName) is not { } marker || Fired(marker) || marker.Timer.RunningSince is null)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var due = Clock().DueAt(marker.Timer, marker.Target)!.Value;
        if (due > now)
        {
            // A reminder that outlived a move of its threshold: set it again for the real instant.
            SetReminder(marker.Name, due);
            await FlushAsync();
            return;
        }

        var (type, eventType) = marker.Kind switch
        {
            "warning" => ("sla_warning", EventTypes.TicketSlaWarning),
            "breach" => ("sla_breached", EventTypes.TicketSlaBreached),
            _ => ("escalated", EventTypes.TicketEscalated),
        };
        switch (marker.Kind)
        {
            case "warning":
                marker.Timer.WarnedAt = due;
                break;
            case "breach":
                marker.Timer.BreachedAt = due;
                break;
            default:
                State.EscalatedLevels.Add(marker.Level!.Value);
                break;
        }

        var details = new Dictionary<string, string> { ["clock"] = marker.Clock, ["dueAt"] = due.ToString("O") };
        if (marker.Level is { } level)
        {
            details["level"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture);
            details["target"] = marker.EscalationTarget ?? "";
        }

        Record(type, Actor.System, State.Status, State.Status, details);
        Publish(eventType, new TicketSlaAlert(Id, State.CustomerId, State.PropertyId, marker.Clock, marker.Level, marker.EscalationTarget, due, View()));
        await SaveAsync();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.PropertyId.ToString("D"), State.CustomerId.ToString("D"), State.Title, State.CreatedAt, State.DeletedAt, View());

    private static void RequirePriority(string? priority)
    {
        if (priority is null || !TicketPriorities.All.Contains(priority))
        {
            throw DomainException.Validation("priority", $"priority must be one of {string.Join(", ", TicketPriorities.All)}.");
        }
    }

    private SlaClock Clock() => SlaClock.For(State.Policy.BusinessHours, State.Timezone);

    private IEnumerable<SlaMarker> Markers()
    {
        var policy = State.Policy;
        yield return new("sla.first_response.warning", FirstResponseClock, "warning", State.FirstResponse, Percent(policy.FirstResponseMinutes, policy.WarningPercent), null, null);
        yield return new("sla.first_response.breach", FirstResponseClock, "breach", State.FirstResponse, TimeSpan.FromMinutes(policy.FirstResponseMinutes), null, null);
        yield return new("sla.resolution.warning", ResolutionClock, "warning", State.Resolution, Percent(policy.ResolutionMinutes, policy.WarningPercent), null, null);
        yield return new("sla.resolution.breach", ResolutionClock, "breach", State.Resolution, TimeSpan.FromMinutes(policy.ResolutionMinutes), null, null);
        foreach (var escalation in policy.Escalations)
        {
            yield return new($"sla.escalation.{escalation.Level}", ResolutionClock, "escalation", State.Resolution,
                TimeSpan.FromMinutes(escalation.AfterMinutes), escalation.Level, escalation.Target);
        }
    }

    private static TimeSpan Percent(int minutes, int percent) => TimeSpan.FromMinutes(minutes * percent / 100.0);

    private bool Fired(SlaMarker marker) => marker.Kind switch
    {
        "warning" => marker.Timer.WarnedAt is not null,
        "breach" => marker.Timer.BreachedAt is not null,
        _ => State.EscalatedLevels.Contains(marker.Level!.Value),
    };

    /// <summary>Sets (moves) the reminder of every threshold still ahead of a running clock, and cancels the rest.</summary>
    private void Schedule(DateTimeOffset now)
    {
        var clock = Clock();
        foreach (var marker in Markers())
        {
            if (Fired(marker) || marker.Timer.RunningSince is null)
            {
                CancelReminder(marker.Name);
                continue;
            }

            var due = clock.DueAt(marker.Timer, marker.Target)!.Value;
            SetReminder(marker.Name, due > now ? due : now);
        }
    }

    /// <summary>After a policy change, thresholds the clock has not reached under the new targets may fire again.</summary>
    private void Rearm(DateTimeOffset now)
    {
        var clock = Clock();
        foreach (var timer in new[] { State.FirstResponse, State.Resolution })
        {
            var elapsed = clock.Elapsed(timer, now);
            var target = TimeSpan.FromMinutes(timer == State.FirstResponse ? State.Policy.FirstResponseMinutes : State.Policy.ResolutionMinutes);
            if (elapsed < Percent((int)target.TotalMinutes, State.Policy.WarningPercent))
            {
                timer.WarnedAt = null;
            }

            if (elapsed < target)
            {
                timer.BreachedAt = null;
            }
        }

        var resolutionElapsed = clock.Elapsed(State.Resolution, now);
        State.EscalatedLevels = [.. State.Policy.Escalations
            .Where(e => State.EscalatedLevels.Contains(e.Level) && TimeSpan.FromMinutes(e.AfterMinutes) <= resolutionElapsed)
            .Select(static e => e.Level)];
    }

    private void Record(string type, Actor actor, string? from, string? to, IReadOnlyDictionary<string, string>? details)
    {
        var now = TimeProvider.GetUtcNow();
        var sequence = ++State.ActivityCount;
        var entry = new TicketActivity(Id, sequence, type, actor, now, from, to, details);
        SetIndex(new IndexEntry(ActivityKind, $"{Id:N}-{sequence:D6}", Id.ToString("D"), State.CustomerId.ToString("D"), type, now, null, entry));
    }

    private TicketView View()
    {
        var now = TimeProvider.GetUtcNow();
        var clock = Clock();
        var policy = State.Policy;
        return new TicketView(
            Id, State.CustomerId, State.PropertyId, State.UnitId, State.AmenityId, State.LotId, State.ReservationId, State.Category, State.Priority,
            State.Title, State.Description, State.Reporter, State.Assignee, State.Status,
            ClockView(clock, State.FirstResponse, policy.FirstResponseMinutes, policy.WarningPercent, now),
            ClockView(clock, State.Resolution, policy.ResolutionMinutes, policy.WarningPercent, now),
            State.EscalatedLevels.ToArray(), policy, State.CreatedAt, State.RespondedAt, State.ResolvedAt);
    }

    private static SlaClockView ClockView(SlaClock clock, SlaTimer timer, int targetMinutes, int warningPercent, DateTimeOffset now)
    {
        var elapsed = clock.Elapsed(timer, now);
        var target = TimeSpan.FromMinutes(targetMinutes);
        var running = timer.RunningSince is not null;
        return new SlaClockView(
            targetMinutes,
            Math.Round(elapsed.TotalMinutes, 3),
            Math.Round((target - elapsed).TotalMinutes, 3),
            !running && !timer.Stopped,
            timer.Stopped,
            timer.WarnedAt ?? (running ? clock.DueAt(timer, Percent(targetMinutes, warningPercent)) : null),
            timer.BreachedAt ?? (running ? clock.DueAt(timer, target) : null),
            timer.BreachedAt is not null || elapsed >= target);
    }
}
