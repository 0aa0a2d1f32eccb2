using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

/// <summary>The ticket state machine (T2), as a pure function of the current status, and what each move records and announces.</summary>
public static class TicketTransitions
{
    public static IReadOnlyList<string> Actions { get; } = ["assign", "start", "hold", "resume", "resolve", "close", "reopen", "cancel"];

    public static string Next(string current, string action) => (action, current) switch
    {
        // Reassigning keeps work that is under way where it is; only a fresh ticket becomes "assigned".
        ("assign", TicketStatuses.New) => TicketStatuses.Assigned,
        ("assign", TicketStatuses.Assigned or TicketStatuses.InProgress or TicketStatuses.OnHold) => current,
        ("start", TicketStatuses.New or TicketStatuses.Assigned) => TicketStatuses.InProgress,
        ("hold", TicketStatuses.InProgress) => TicketStatuses.OnHold,
        ("resume", TicketStatuses.OnHold) => TicketStatuses.InProgress,
        ("resolve", TicketStatuses.Assigned or TicketStatuses.InProgress or TicketStatuses.OnHold) => TicketStatuses.Resolved,
        ("close", TicketStatuses.Resolved) => TicketStatuses.Closed,
        ("reopen", TicketStatuses.Resolved or TicketStatuses.Closed) => TicketStatuses.InProgress,
        ("cancel", TicketStatuses.New or TicketStatuses.Assigned or TicketStatuses.InProgress or TicketStatuses.OnHold) => TicketStatuses.Cancelled,
        _ => throw new DomainException("invalid_transition", $"A ticket that is {current} cannot {action}.", 409),
    };

    /// <summary>The move as done: the audit action and the activity entry.</summary>
    public static string Past(string action) => action switch
    {
        "assign" => AuditActions.Assigned,
        "start" => AuditActions.Started,
        "hold" => AuditActions.Held,
        "resume" => AuditActions.Resumed,
        "resolve" => AuditActions.Resolved,
        "close" => AuditActions.Closed,
        "reopen" => AuditActions.Reopened,
        "cancel" => AuditActions.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a ticket action."),
    };

    /// <summary>The event a move publishes.</summary>
    public static string EventType(string action) => action switch
    {
        "assign" => EventTypes.TicketAssigned,
        "start" => EventTypes.TicketStarted,
        "hold" => EventTypes.TicketHeld,
        "resume" => EventTypes.TicketResumed,
        "resolve" => EventTypes.TicketResolved,
        "close" => EventTypes.TicketClosed,
        "reopen" => EventTypes.TicketReopened,
        "cancel" => EventTypes.TicketCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a ticket action."),
    };
}
