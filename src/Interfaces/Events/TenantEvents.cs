namespace Vrps.Interfaces.Events;

/// <summary>
/// Domain events for API consumers (P4) travel on one stream per customer: namespace <see cref="Namespace"/>, key the
/// customer id. Its sequence numbers are the event feed's ids; the payload is the entity's view after the change.
/// </summary>
public static class TenantEvents
{
    public const string Namespace = "events";

    /// <summary>The documented event types: what the feed filters on and webhooks subscribe to.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        EventTypes.CustomerCreated, EventTypes.CustomerUpdated, EventTypes.CustomerDeleted,
        EventTypes.PropertyCreated, EventTypes.PropertyUpdated, EventTypes.PropertyDeleted,
        EventTypes.LotCreated, EventTypes.LotUpdated, EventTypes.LotDeleted,
        EventTypes.UnitCreated, EventTypes.UnitUpdated, EventTypes.UnitDeleted,
        EventTypes.PassIssued, EventTypes.PassExpiringSoon, EventTypes.PassExpired, EventTypes.PassRevoked,
        EventTypes.PassSuspended, EventTypes.PassResumed, EventTypes.PassCancelled,
        EventTypes.OfferCreated, EventTypes.OfferExhausted, EventTypes.OfferExpired, EventTypes.OfferRevoked,
        EventTypes.ViolationRecorded,
        EventTypes.ReservationCreated, EventTypes.ReservationUpdated, EventTypes.ReservationCancelled,
        EventTypes.JourneyStageChanged, EventTypes.TouchpointFired,
        EventTypes.TicketCreated, EventTypes.TicketAssigned, EventTypes.TicketStarted, EventTypes.TicketHeld,
        EventTypes.TicketResumed, EventTypes.TicketResolved, EventTypes.TicketClosed, EventTypes.TicketReopened,
        EventTypes.TicketCancelled, EventTypes.TicketPriorityChanged, EventTypes.TicketSlaWarning,
        EventTypes.TicketSlaBreached, EventTypes.TicketEscalated,
        EventTypes.AmenityCreated,
        EventTypes.BookingPendingApproval, EventTypes.BookingConfirmed, EventTypes.BookingWaitlisted,
        EventTypes.BookingHeld, EventTypes.BookingCheckedIn, EventTypes.BookingCompleted, EventTypes.BookingCancelled,
        EventTypes.BookingRejected, EventTypes.BookingNoShow, EventTypes.BookingHoldExpired, EventTypes.BookingExpired,
    ];
}
