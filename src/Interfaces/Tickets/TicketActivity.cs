namespace Vrps.Interfaces.Tickets;

/// <summary>One entry of a ticket's activity log (T4), kept as its own index row so the ticket's state stays small.</summary>
[Immutable]
public sealed record TicketActivity(
    Guid TicketId,
    int Sequence,
    string Type,
    Actor Actor,
    DateTimeOffset At,
    string? FromStatus,
    string? ToStatus,
    IReadOnlyDictionary<string, string>? Details);
