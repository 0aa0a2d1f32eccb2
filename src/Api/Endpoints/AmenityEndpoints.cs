using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Idempotency;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

/// <summary>Amenities, their availability, and bookings with waitlists (A1–A5).</summary>
public static class AmenityEndpoints
{
    public static IEndpointRouteBuilder MapAmenityEndpoints(this IEndpointRouteBuilder routes)
    {
        var properties = routes.MapGroup("/api/properties").WithTags("Amenities");
        properties.MapPost("/{id:guid}/amenities", CreateAsync).WithName("CreateAmenity")
            .WithSummary("Create an amenity: opening hours in the property's timezone, slots, capacity, booking rules").WithProblems();
        properties.MapGet("/{id:guid}/amenities", ListAsync).WithName("ListAmenities")
            .WithSummary("The property's amenities, paged (operators, managers of its units; patrols and consumers 404)").WithProblems();
        var amenities = routes.MapGroup("/api/amenities").WithTags("Amenities");
        amenities.MapGet("/{id:guid}", GetAsync).WithName("GetAmenity").WithSummary("An amenity").WithProblems();
        amenities.MapGet("/{id:guid}/availability", AvailabilityAsync).WithName("GetAmenityAvailability")
            .WithSummary("Slots in [from, to): capacity, confirmed, remaining, waitlisted").WithProblems();
        amenities.MapPost("/{id:guid}/bookings", BookAsync).WithName("CreateBooking")
            .WithSummary("Book a slot for a unit: confirmed, pending_approval, or waitlisted with a position").WithProblems(422);

        var bookings = routes.MapGroup("/api/bookings").WithTags("Amenities");
        bookings.MapGet("/{id:guid}", GetBookingAsync).WithName("GetBooking").WithSummary("A booking").WithProblems();
        foreach (var action in new[] { "cancel", "approve", "reject", "check-in", "confirm-hold" })
        {
            bookings.MapPost($"/{{id:guid}}/{action}", (Guid id, ApiPrincipal principal, Access access, GrainIndex index, IGrainFactory grains) =>
                    ActAsync(id, action, principal, access, index, grains))
                .WithName(string.Concat(action.Split('-').Select(static w => char.ToUpperInvariant(w[0]) + w[1..])) + "Booking")
                .WithSummary(action is "approve" or "reject"
                    ? $"{char.ToUpperInvariant(action[0])}{action[1..]} a booking pending approval (operators); illegal transitions: 409 invalid_transition"
                    : $"{action} the booking (operators, managers of its unit); illegal transitions: 409 invalid_transition")
                .Produces<BookingView>()
                .WithProblems(409, 422);
        }

        return routes;
    }

    private static async Task<Created<AmenityView>> CreateAsync(Guid id, AmenityCreateRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var property = await access.PropertyAsync(principal, id, Need.Write);
        var amenityId = Guid.NewGuid();
        var amenity = await grains.GetGrain<IAmenityGrain>(amenityId).InitializeAsync(
            new CreateAmenity(request.Name, request.OpeningHours, request.SlotMinutes, request.CapacityPerSlot, request.BlackoutDates, request.Rules),
            new AmenityContext(property.CustomerId, property.Id, property.Timezone),
            principal.Actor);
        return TypedResults.Created($"/api/amenities/{amenityId}", amenity);
    }

    /// <summary>The operator console's list of what can be booked: the same reach as reading one amenity, so patrols never see it.</summary>
    private static async Task<Ok<Page<AmenityView>>> ListAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        if (principal.Role is Roles.Enforcement or Roles.Consumer)
        {
            throw DomainException.NotFound("Property", id);
        }

        await access.PropertyAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<AmenityView>(index, AmenityIndexKinds.Amenity, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<AmenityView>> GetAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) =>
        TypedResults.Ok(await AmenityAsync(id, principal, access, grains));

    private static async Task<Ok<AmenityAvailability>> AvailabilityAsync(
        Guid id, DateTimeOffset? from, DateTimeOffset? to, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await AmenityAsync(id, principal, access, grains);
        var start = from ?? throw DomainException.Validation("from", "from is required (an ISO 8601 instant).");
        var end = to ?? start.AddDays(1);
        return TypedResults.Ok(await grains.GetGrain<IAmenityGrain>(id).AvailabilityAsync(start, end));
    }

    private static async Task<Results<Created<BookingView>, Ok<BookingView>>> BookAsync(
        Guid id, BookingCreateRequest request, ApiPrincipal principal, Access access, IGrainFactory grains, ExistingRecords existing, HttpContext context)
    {
        var amenity = await AmenityAsync(id, principal, access, grains);
        var unitId = request.UnitId!.Value;
        var unit = await access.UnitAsync(principal, unitId, Need.Read);
        if (unit.PropertyId != amenity.PropertyId)
        {
            throw DomainException.Validation("unitId", "The unit belongs to another property.");
        }

        if (!principal.IsAdmin && principal.Role != Roles.Operator && !await access.ManagesAsync(principal, unitId))
        {
            throw new DomainException("forbidden", "Only operators and the unit's managers may book for it.", DomainErrorKind.Forbidden);
        }

        var start = request.Start!.Value;
        var end = request.End!.Value;
        var bookingId = IdempotentIds.For(context, principal, id);
        var amenityGrain = grains.GetGrain<IAmenityGrain>(id);
        if (IdempotentIds.IsDerived(context) && await existing.BookingAsync(bookingId) is { } row)
        {
            // A retry whose stored answer expired: the booking was made, and may since have ended (cancelled, completed),
            // when the amenity no longer holds it. It is answered as it is now, never booked a second time.
            var record = row.Deserialize<BookingView>(VrpsJson.Options)!;
            return TypedResults.Ok(await amenityGrain.FindBookingAsync(bookingId) ?? record);
        }

        var booking = await amenityGrain.BookAsync(new BookAmenity(bookingId, unitId, request.Resident, start, end), principal.Actor);
        return TypedResults.Created($"/api/bookings/{booking.Id}", booking);
    }

    private static async Task<Ok<BookingView>> GetBookingAsync(Guid id, ApiPrincipal principal, Access access, GrainIndex index, IGrainFactory grains)
    {
        var record = await BookingAsync(id, principal, access, index, Need.Read);
        return TypedResults.Ok(await grains.GetGrain<IAmenityGrain>(record.AmenityId).FindBookingAsync(id) ?? record);
    }

    private static async Task<Ok<BookingView>> ActAsync(Guid id, string action, ApiPrincipal principal, Access access, GrainIndex index, IGrainFactory grains)
    {
        var record = await BookingAsync(id, principal, access, index, action is "approve" or "reject" ? Need.Admin : Need.Write);
        if (BookingStatuses.IsFinal(record.Status))
        {
            throw new DomainException("invalid_transition", $"Booking {id} is {record.Status}; that action is not possible from {record.Status}.", DomainErrorKind.Conflict);
        }

        var amenity = grains.GetGrain<IAmenityGrain>(record.AmenityId);
        return TypedResults.Ok(action switch
        {
            "cancel" => await amenity.CancelAsync(id, principal.Actor),
            "approve" => await amenity.ApproveAsync(id, principal.Actor),
            "reject" => await amenity.RejectAsync(id, principal.Actor),
            "check-in" => await amenity.CheckInAsync(id, principal.Actor),
            _ => await amenity.ConfirmHoldAsync(id, principal.Actor),
        });
    }

    /// <summary>Amenities serve residents: patrol companies and consumers never see them, managers see their properties'.</summary>
    private static async Task<AmenityView> AmenityAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var amenity = await grains.GetGrain<IAmenityGrain>(id).GetAsync();
        if (principal.Role is Roles.Enforcement or Roles.Consumer || !await access.CanSeeAsync(principal, amenity.CustomerId, amenity.PropertyId, null, null))
        {
            throw DomainException.NotFound("Amenity", id);
        }

        return amenity;
    }

    /// <summary>
    /// Bookings are seen through their unit: operators of the customer, managers of that unit. Need.Admin here means
    /// the operator-only acts (approve, reject), which a unit's manager may see but not do.
    /// </summary>
    private static async Task<BookingView> BookingAsync(Guid id, ApiPrincipal principal, Access access, GrainIndex index, Need need)
    {
        var row = await index.FindAsync(AmenityIndexKinds.Booking, id.ToString("D"));
        var booking = row?.Deserialize<BookingView>(VrpsJson.Options) ?? throw DomainException.NotFound("Booking", id);
        if (principal.Role is Roles.Enforcement or Roles.Consumer || !await access.CanSeeAsync(principal, booking.CustomerId, booking.PropertyId, null, booking.UnitId))
        {
            throw DomainException.NotFound("Booking", id);
        }

        var allowed = need switch
        {
            Need.Read => true,
            Need.Write => principal.IsAdmin || principal.Role == Roles.Operator || await access.ManagesAsync(principal, booking.UnitId),
            _ => principal.IsAdmin || principal.Role == Roles.Operator,
        };
        return allowed
            ? booking
            : throw new DomainException("forbidden", $"A {principal.Role} key may not do this to booking {id}.", DomainErrorKind.Forbidden);
    }
}
