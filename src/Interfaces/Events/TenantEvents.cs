namespace Vrps.Interfaces.Events;

/// <summary>
/// Domain events for API consumers (P4) travel on one stream per customer: namespace <see cref="Namespace"/>, key the
/// customer id. Its sequence numbers are the event feed's ids; the payload is the entity's view after the change.
/// </summary>
public static class TenantEvents
{
    public const string Namespace = "events";

    public static IReadOnlyList<string> Types { get; } =
    [
        "customer.created", "customer.updated", "customer.deleted",
        "property.created", "property.updated", "property.deleted",
        "lot.created", "lot.updated", "lot.deleted",
        "unit.created", "unit.updated", "unit.deleted",
        "pass.issued", "pass.expiring_soon", "pass.expired", "pass.revoked", "pass.suspended", "pass.resumed", "pass.cancelled",
        "offer.created", "offer.exhausted", "offer.expired", "offer.revoked",
        "violation.recorded",
        "reservation.created", "reservation.updated", "reservation.cancelled", "journey.stage_changed", "touchpoint.fired",
        "ticket.created", "ticket.assigned", "ticket.started", "ticket.held", "ticket.resumed", "ticket.resolved", "ticket.closed",
        "ticket.reopened", "ticket.cancelled", "ticket.priority_changed", "ticket.sla_warning", "ticket.sla_breached", "ticket.escalated",
        "amenity.created",
        "booking.pending_approval", "booking.confirmed", "booking.waitlisted", "booking.held", "booking.checked_in", "booking.completed",
        "booking.cancelled", "booking.rejected", "booking.no_show", "booking.hold_expired", "booking.expired",
    ];
}
