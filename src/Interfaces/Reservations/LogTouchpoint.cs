namespace Vrps.Interfaces.Reservations;

/// <summary>A manual touchpoint; <see cref="TicketId"/> is the ticket it opened or refers to, when any.</summary>
[Immutable]
public sealed record LogTouchpoint(Guid EntryId, string? Type, string? Channel, string? Note, Guid? TicketId);
