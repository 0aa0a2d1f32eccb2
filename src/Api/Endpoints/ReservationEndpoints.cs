using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Idempotency;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Grains.Reservations;
using Vrps.Interfaces;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Reservations;
using Vrps.Interfaces.Tickets;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

/// <summary>Reservations and their guest journeys (G1–G4): operators' and admins' business only.</summary>
public static class ReservationEndpoints
{
    public static IEndpointRouteBuilder MapReservationEndpoints(this IEndpointRouteBuilder routes)
    {
        var properties = routes.MapGroup("/api/properties").WithTags("Reservations");
        properties.MapPost("/{id:guid}/reservations", CreateAsync).WithName("CreateReservation")
            .WithSummary("Create a reservation and its guest journey; the property's touchpoint schedule is planned onto it").WithProblems();
        properties.MapGet("/{id:guid}/reservations", ListAsync).WithName("ListReservations").WithSummary("The property's reservations, paged").WithProblems();
        properties.MapGet("/{id:guid}/touchpoint-schedule", GetScheduleAsync).WithName("GetTouchpointSchedule")
            .WithSummary("The touchpoints each new reservation of the property gets").WithProblems();
        properties.MapPut("/{id:guid}/touchpoint-schedule", SetScheduleAsync).WithName("SetTouchpointSchedule")
            .WithSummary("Replace the schedule (audited); reservations already made keep theirs").WithProblems();

        var group = routes.MapGroup("/api/reservations").WithTags("Reservations");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetReservation").WithSummary("Read a reservation").WithProblems();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateReservation")
            .WithSummary("Change checkIn/checkOut: pending touchpoints and stage reminders move; overdue ones fire at once")
            .Accepts<ReservationPatchRequest>("application/json").WithProblems(409);
        group.MapGet("/{id:guid}/journey", JourneyAsync).WithName("GetGuestJourney")
            .WithSummary("The journey: stage, stage history, touchpoint log, what is scheduled next").WithProblems();
        group.MapPost("/{id:guid}/check-in", (Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) =>
                ActAsync(id, principal, access, grains, static (g, a) => g.CheckInAsync(a)))
            .WithName("CheckInReservation").WithSummary("The guest checked in (from booked or pre_arrival)").Produces<ReservationView>().WithProblems(409);
        group.MapPost("/{id:guid}/check-out", (Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) =>
                ActAsync(id, principal, access, grains, static (g, a) => g.CheckOutAsync(a)))
            .WithName("CheckOutReservation").WithSummary("The guest checked out (from checked_in, in_stay or pre_departure)").Produces<ReservationView>().WithProblems(409);
        group.MapPost("/{id:guid}/cancel", (Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) =>
                ActAsync(id, principal, access, grains, static (g, a) => g.CancelAsync(a)))
            .WithName("CancelReservation").WithSummary("Cancel before check-in: the journey ends and its reminders are cancelled").Produces<ReservationView>().WithProblems(409);
        group.MapPost("/{id:guid}/review", ReviewAsync).WithName("ReviewReservation")
            .WithSummary("The guest's review (rating 1–5): closes the journey (after check-out)").WithProblems(409);
        group.MapPost("/{id:guid}/touchpoints", LogTouchpointAsync).WithName("LogTouchpoint")
            .WithSummary("Log a manual touchpoint; with `ticket` it opens a ticket linked to the reservation").WithProblems();
        return routes;
    }

    private static async Task<Created<ReservationView>> CreateAsync(
        Guid id, ReservationCreateRequest request, ApiPrincipal principal, Access access, IGrainFactory grains, HttpContext context)
    {
        var property = await access.PropertyAsync(principal, id, Need.Write);
        var schedule = await grains.GetGrain<ITouchpointScheduleGrain>(id).GetAsync(property.CustomerId);
        var reservationId = IdempotentIds.For(context, principal, property.Id);
        var reservation = await grains.GetGrain<IReservationGrain>(reservationId).CreateAsync(
            new CreateReservation(
                property.CustomerId, property.Id, property.Timezone, request.GuestName, request.GuestEmail, request.GuestPhone,
                request.CheckIn, request.CheckOut, request.Channel, schedule.Touchpoints),
            principal.Actor);
        return TypedResults.Created($"/api/reservations/{reservationId}", reservation);
    }

    private static async Task<Ok<Page<ReservationView>>> ListAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await GuestsPropertyAsync(principal, id, access, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<ReservationView>(index, IndexKinds.Reservation, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<TouchpointScheduleView>> GetScheduleAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var property = await GuestsPropertyAsync(principal, id, access, Need.Read);
        return TypedResults.Ok(await grains.GetGrain<ITouchpointScheduleGrain>(id).GetAsync(property.CustomerId));
    }

    private static async Task<Ok<TouchpointScheduleView>> SetScheduleAsync(
        Guid id, TouchpointScheduleRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var property = await access.PropertyAsync(principal, id, Need.Write);
        var rules = request.Touchpoints!.Select(static (t, i) => t is null
            ? throw DomainException.Validation($"touchpoints[{i}]", "A touchpoint must be an object.")
            : new TouchpointRule(t.Type!, t.OffsetMinutes!.Value, t.RelativeTo!, t.Channel!)).ToList();
        return TypedResults.Ok(await grains.GetGrain<ITouchpointScheduleGrain>(id).SetAsync(property.CustomerId, rules, principal.Actor));
    }

    private static async Task<Ok<ReservationView>> GetAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) =>
        TypedResults.Ok(await ReservationAsync(id, principal, access, grains, Need.Read));

    private static async Task<Ok<JourneyView>> JourneyAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await ReservationAsync(id, principal, access, grains, Need.Read);
        return TypedResults.Ok(await grains.GetGrain<IReservationGrain>(id).GetJourneyAsync());
    }

    private static async Task<Ok<ReservationView>> UpdateAsync(Guid id, JsonElement body, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await ReservationAsync(id, principal, access, grains, Need.Write);
        PatchBody.Parse(body, ["checkIn", "checkOut"]);
        var checkIn = Instant(body, "checkIn");
        var checkOut = Instant(body, "checkOut");
        return TypedResults.Ok(await grains.GetGrain<IReservationGrain>(id).RescheduleAsync(checkIn, checkOut, principal.Actor));
    }

    private static async Task<Ok<ReservationView>> ActAsync(
        Guid id, ApiPrincipal principal, Access access, IGrainFactory grains, Func<IReservationGrain, Actor, Task<ReservationView>> act)
    {
        await ReservationAsync(id, principal, access, grains, Need.Write);
        return TypedResults.Ok(await act(grains.GetGrain<IReservationGrain>(id), principal.Actor));
    }

    private static async Task<Ok<ReservationView>> ReviewAsync(
        Guid id, ReservationReviewRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await ReservationAsync(id, principal, access, grains, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<IReservationGrain>(id).ReviewAsync(request.Rating, request.Comment, principal.Actor));
    }

    /// <summary>
    /// The touchpoint is checked before any ticket is opened, so a refused touchpoint never leaves an orphan ticket.
    /// </summary>
    private static async Task<Created<JourneyView>> LogTouchpointAsync(
        Guid id, TouchpointLogRequest request, ApiPrincipal principal, Access access, IGrainFactory grains, HttpContext context)
    {
        var reservation = await ReservationAsync(id, principal, access, grains, Need.Write);
        TouchpointRules.Type(request.Type);
        TouchpointRules.Channel(request.Channel);
        var ticketId = request.TicketId;
        if (request.Ticket is { } ticket)
        {
            if (ticketId is not null)
            {
                throw DomainException.Validation("ticket", "Give either ticketId (an existing ticket) or ticket (a new one), not both.");
            }

            // Named by the Idempotency-Key like the touchpoint itself, so a retry after an answer the client never got
            // finds the ticket its first attempt opened instead of opening a second one.
            ticketId = IdempotentIds.For(context, principal, id, "ticket");
            await grains.GetGrain<ITicketGrain>(ticketId.Value).CreateAsync(
                new CreateTicket(
                    reservation.CustomerId, reservation.PropertyId, reservation.Timezone, ticket.Category!, ticket.Priority!, ticket.Title!,
                    ticket.Description, null, null, null, reservation.Id, principal.Actor.Id),
                principal.Actor);
        }
        else if (ticketId is { } existing && await TicketCustomerAsync(grains, existing) != reservation.CustomerId)
        {
            throw DomainException.Validation("ticketId", $"Ticket {existing} does not exist.");
        }

        var journey = await grains.GetGrain<IReservationGrain>(id).LogTouchpointAsync(
            new LogTouchpoint(IdempotentIds.For(context, principal, id), request.Type, request.Channel, request.Note, ticketId), principal.Actor);
        return TypedResults.Created($"/api/reservations/{id}/journey", journey);
    }

    private static async Task<Guid?> TicketCustomerAsync(IGrainFactory grains, Guid ticketId)
    {
        try
        {
            return (await grains.GetGrain<ITicketGrain>(ticketId).GetAsync()).CustomerId;
        }
        catch (DomainException exception) when (exception.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// A reservation is reached through its property: read by whoever may read the property, changed with operator
    /// rights. Whatever refuses the property answers as the reservation, so a foreign reservation never names its property.
    /// </summary>
    private static async Task<ReservationView> ReservationAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains, Need need)
    {
        var reservation = await grains.GetGrain<IReservationGrain>(id).GetAsync();
        if (!SeesGuests(principal))
        {
            throw DomainException.NotFound("Reservation", id);
        }

        try
        {
            await access.PropertyAsync(principal, reservation.PropertyId, need);
        }
        catch (DomainException exception) when (exception.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.NotFound("Reservation", id);
        }

        return reservation;
    }

    /// <summary>
    /// Guests are the property staff's business: patrol companies and consumers never see reservations (they carry
    /// guests' names and contacts), even at a property they may read.
    /// </summary>
    private static async Task<PropertyView> GuestsPropertyAsync(ApiPrincipal principal, Guid propertyId, Access access, Need need)
    {
        var property = await access.PropertyAsync(principal, propertyId, need);
        return SeesGuests(principal)
            ? property
            : throw new DomainException("forbidden", "Patrol companies and consumers do not see a property's guests.", DomainErrorKind.Forbidden);
    }

    private static bool SeesGuests(ApiPrincipal principal) => principal.Role is not (Roles.Enforcement or Roles.Consumer);

    private static DateTimeOffset? Instant(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var instant)
                ? instant
                : throw DomainException.Validation(name, $"{name} must be a date-time with an offset, e.g. 2026-07-01T16:00:00+02:00.");
}
