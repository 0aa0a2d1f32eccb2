namespace Vrps.Interfaces.Events;

/// <summary>
/// Every domain event type a grain may publish on a tenant's stream, declared once. Grains publish these constants,
/// and the documented list (<see cref="TenantEvents.Types"/>, which webhooks accept) is built from them, so a type
/// can neither be built at a call site nor go missing from the list.
/// </summary>
public static class EventTypes
{
    public const string CustomerCreated = "customer.created";
    public const string CustomerUpdated = "customer.updated";
    public const string CustomerDeleted = "customer.deleted";

    public const string PropertyCreated = "property.created";
    public const string PropertyUpdated = "property.updated";
    public const string PropertyDeleted = "property.deleted";

    public const string LotCreated = "lot.created";
    public const string LotUpdated = "lot.updated";
    public const string LotDeleted = "lot.deleted";

    public const string UnitCreated = "unit.created";
    public const string UnitUpdated = "unit.updated";
    public const string UnitDeleted = "unit.deleted";

    public const string PassIssued = "pass.issued";
    public const string PassExpiringSoon = "pass.expiring_soon";
    public const string PassExpired = "pass.expired";
    public const string PassRevoked = "pass.revoked";
    public const string PassSuspended = "pass.suspended";
    public const string PassResumed = "pass.resumed";
    public const string PassCancelled = "pass.cancelled";

    public const string OfferCreated = "offer.created";
    public const string OfferExhausted = "offer.exhausted";
    public const string OfferExpired = "offer.expired";
    public const string OfferRevoked = "offer.revoked";

    public const string ViolationRecorded = "violation.recorded";

    public const string ReservationCreated = "reservation.created";
    public const string ReservationUpdated = "reservation.updated";
    public const string ReservationCancelled = "reservation.cancelled";
    public const string JourneyStageChanged = "journey.stage_changed";
    public const string TouchpointFired = "touchpoint.fired";

    public const string TicketCreated = "ticket.created";
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketStarted = "ticket.started";
    public const string TicketHeld = "ticket.held";
    public const string TicketResumed = "ticket.resumed";
    public const string TicketResolved = "ticket.resolved";
    public const string TicketClosed = "ticket.closed";
    public const string TicketReopened = "ticket.reopened";
    public const string TicketCancelled = "ticket.cancelled";
    public const string TicketPriorityChanged = "ticket.priority_changed";
    public const string TicketSlaWarning = "ticket.sla_warning";
    public const string TicketSlaBreached = "ticket.sla_breached";
    public const string TicketEscalated = "ticket.escalated";

    public const string AmenityCreated = "amenity.created";

    public const string BookingPendingApproval = "booking.pending_approval";
    public const string BookingConfirmed = "booking.confirmed";
    public const string BookingWaitlisted = "booking.waitlisted";
    public const string BookingHeld = "booking.held";
    public const string BookingCheckedIn = "booking.checked_in";
    public const string BookingCompleted = "booking.completed";
    public const string BookingCancelled = "booking.cancelled";
    public const string BookingRejected = "booking.rejected";
    public const string BookingNoShow = "booking.no_show";
    public const string BookingHoldExpired = "booking.hold_expired";
    public const string BookingExpired = "booking.expired";
}
