using Vrps.Interfaces;
using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

/// <summary>The ticket state machine (T2), as a pure function of the current status.</summary>
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
}
