using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

/// <summary>The ticket state machine (T2), as a pure function of the current status, and what each move records and announces.</summary>
public static class TicketTransitions
{
    public const string Assign = "assign";
    public const string Start = "start";
    public const string Hold = "hold";
    public const string Resume = "resume";
    public const string Resolve = "resolve";
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string Cancel = "cancel";

    public static IReadOnlyList<string> Actions { get; } = [Assign, Start, Hold, Resume, Resolve, Close, Reopen, Cancel];

    public static string Next(string current, string action) => (action, current) switch
    {
        // Reassigning keeps work that is under way where it is; only a fresh ticket becomes "assigned".
        (Assign, TicketStatuses.New) => TicketStatuses.Assigned,
        (Assign, TicketStatuses.Assigned or TicketStatuses.InProgress or TicketStatuses.OnHold) => current,
        (Start, TicketStatuses.New or TicketStatuses.Assigned) => TicketStatuses.InProgress,
        (Hold, TicketStatuses.InProgress) => TicketStatuses.OnHold,
        (Resume, TicketStatuses.OnHold) => TicketStatuses.InProgress,
        (Resolve, TicketStatuses.Assigned or TicketStatuses.InProgress or TicketStatuses.OnHold) => TicketStatuses.Resolved,
        (Close, TicketStatuses.Resolved) => TicketStatuses.Closed,
        (Reopen, TicketStatuses.Resolved or TicketStatuses.Closed) => TicketStatuses.InProgress,
        (Cancel, TicketStatuses.New or TicketStatuses.Assigned or TicketStatuses.InProgress or TicketStatuses.OnHold) => TicketStatuses.Cancelled,
        _ => throw new DomainException("invalid_transition", $"A ticket that is {current} cannot {action}.", DomainErrorKind.Conflict),
    };

    /// <summary>The move as done: the audit action and the activity entry.</summary>
    public static string Past(string action) => action switch
    {
        Assign => AuditActions.Assigned,
        Start => AuditActions.Started,
        Hold => AuditActions.Held,
        Resume => AuditActions.Resumed,
        Resolve => AuditActions.Resolved,
        Close => AuditActions.Closed,
        Reopen => AuditActions.Reopened,
        Cancel => AuditActions.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a ticket action."),
    };

    /// <summary>The event a move publishes.</summary>
    public static string EventType(string action) => action switch
    {
        Assign => EventTypes.TicketAssigned,
        Start => EventTypes.TicketStarted,
        Hold => EventTypes.TicketHeld,
        Resume => EventTypes.TicketResumed,
        Resolve => EventTypes.TicketResolved,
        Close => EventTypes.TicketClosed,
        Reopen => EventTypes.TicketReopened,
        Cancel => EventTypes.TicketCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a ticket action."),
    };
}
