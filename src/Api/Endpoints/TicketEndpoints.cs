using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Idempotency;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Grains.Tickets;
using Vrps.Interfaces;
using Vrps.Interfaces.Tickets;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder routes)
    {
        var properties = routes.MapGroup("/api/properties").WithTags("Tickets");
        properties.MapPost("/{id:guid}/tickets", CreateAsync).WithName("CreateTicket")
            .WithSummary("Open a service ticket (operators; managers for their units); it takes its SLA rule now").WithProblems(422);
        properties.MapGet("/{id:guid}/tickets", ListAsync).WithName("ListPropertyTickets").WithSummary("The property's tickets, paged; ?status= filters").WithProblems();

        var group = routes.MapGroup("/api/tickets").WithTags("Tickets");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTicket")
            .WithSummary("A ticket: state, SLA clocks and the first page of its activity log").WithProblems();
        group.MapGet("/{id:guid}/activity", ActivityAsync).WithName("ListTicketActivity").WithSummary("The ticket's activity log, oldest first, paged").WithProblems();
        group.MapPatch("/{id:guid}", PatchAsync).WithName("PatchTicket")
            .WithSummary("Change the priority: the ticket takes that priority's SLA rule and its reminders move").WithProblems();
        group.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignTicket")
            .WithSummary("Assign (or reassign) the ticket; illegal transitions: 409 invalid_transition").WithProblems(409);
        foreach (var action in TicketTransitions.Actions.Where(static a => a != TicketTransitions.Assign))
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, ApiPrincipal principal, Access access, IGrainFactory grains) => ActAsync(id, action, null, principal, access, grains))
                .WithName($"{char.ToUpperInvariant(action[0])}{action[1..]}Ticket")
                .WithSummary($"{char.ToUpperInvariant(action[0])}{action[1..]} the ticket; illegal transitions: 409 invalid_transition")
                .Produces<TicketView>()
                .WithProblems(409);
        }

        var customers = routes.MapGroup("/api/customers").WithTags("Tickets");
        customers.MapGet("/{id:guid}/sla-policies", GetPoliciesAsync).WithName("GetSlaPolicies").WithSummary("The customer's SLA rules").WithProblems();
        customers.MapPut("/{id:guid}/sla-policies", PutPoliciesAsync).WithName("PutSlaPolicies")
            .WithSummary("Replace the customer's SLA rules (operators; audited); tickets take them when opened or re-prioritized").WithProblems();
        return routes;
    }

    private static async Task<Created<TicketView>> CreateAsync(
        Guid id, TicketCreateRequest request, ApiPrincipal principal, Access access, IGrainFactory grains, HttpContext context)
    {
        var property = await access.PropertyAsync(principal, id, Need.Read);
        if (request.UnitId is { } unitId && (await access.UnitAsync(principal, unitId, Need.Read)).PropertyId != property.Id)
        {
            throw new DomainException("unit_not_in_property", "The unit belongs to another property.", DomainErrorKind.Refused);
        }

        if (request.LotId is { } lotId)
        {
            await access.LotAsync(principal, lotId, Need.Read);
        }

        if (!IsOperator(principal) && !(request.UnitId is { } managed && await access.ManagesAsync(principal, managed)))
        {
            throw new DomainException("forbidden", "Only operators, and managers for their own units, may open tickets.", DomainErrorKind.Forbidden);
        }

        var ticketId = IdempotentIds.For(context, principal, property.Id);
        var ticket = await grains.GetGrain<ITicketGrain>(ticketId).CreateAsync(
            new CreateTicket(property.CustomerId, property.Id, property.Timezone, request.Category!, request.Priority!, request.Title!,
                request.Description, request.UnitId, request.AmenityId, request.LotId, request.ReservationId, request.Reporter),
            principal.Actor);
        return TypedResults.Created($"/api/tickets/{ticketId}", ticket);
    }

    private static async Task<Ok<Page<TicketView>>> ListAsync(
        Guid id, string? status, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await access.PropertyAsync(principal, id, Need.Read);
        return TypedResults.Ok(await PageRequest.ReadAsync<TicketView>(
            index, IndexKinds.Ticket, id.ToString("D"), null, limit, cursor,
            t => SeesAsync(principal, t, access),
            status is null ? null : (IndexFields.Status, status)));
    }

    private static async Task<Ok<TicketView>> GetAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains, GrainIndex index)
    {
        var ticket = await TicketAsync(principal, id, access, grains);
        var activity = await PageRequest.ReadAsync<TicketActivity>(index, TicketGrain.ActivityKind, id.ToString("D"), null, GrainIndex.MaxPageSize, null);
        return TypedResults.Ok(ticket with { Activity = [.. activity.Items.OrderBy(static a => a.Sequence)] });
    }

    private static async Task<Ok<Page<TicketActivity>>> ActivityAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, IGrainFactory grains, GrainIndex index)
    {
        await TicketAsync(principal, id, access, grains);
        return TypedResults.Ok(await PageRequest.ReadAsync<TicketActivity>(index, TicketGrain.ActivityKind, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<TicketView>> PatchAsync(Guid id, TicketPatchRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await TicketAsync(principal, id, access, grains);
        return TypedResults.Ok(await grains.GetGrain<ITicketGrain>(id).ChangePriorityAsync(request.Priority!, principal.Actor));
    }

    private static Task<Ok<TicketView>> AssignAsync(Guid id, TicketAssignRequest request, ApiPrincipal principal, Access access, IGrainFactory grains) =>
        ActAsync(id, TicketTransitions.Assign, request.Assignee, principal, access, grains);

    private static async Task<Ok<TicketView>> ActAsync(Guid id, string action, string? assignee, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await TicketAsync(principal, id, access, grains);
        return TypedResults.Ok(await grains.GetGrain<ITicketGrain>(id).ActAsync(action, assignee, principal.Actor));
    }

    private static async Task<Ok<SlaPolicyView>> GetPoliciesAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.CustomerAsync(principal, id, Need.Read);
        return TypedResults.Ok(await grains.GetGrain<ISlaPolicyGrain>(id).GetAsync());
    }

    private static async Task<Ok<SlaPolicyView>> PutPoliciesAsync(Guid id, SlaPolicyRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.CustomerAsync(principal, id, Need.Write);
        return TypedResults.Ok(await grains.GetGrain<ISlaPolicyGrain>(id).ReplaceAsync(id, request.Rules!, principal.Actor));
    }

    private static bool IsOperator(ApiPrincipal principal) => principal.IsAdmin || principal.Role == Roles.Operator;

    /// <summary>
    /// Operators see their customer's tickets; managers only those of units they manage; other roles none. A ticket
    /// outside that reach answers 404 like a missing one, so its existence never leaks.
    /// </summary>
    private static async Task<TicketView> TicketAsync(ApiPrincipal principal, Guid id, Access access, IGrainFactory grains)
    {
        var ticket = await grains.GetGrain<ITicketGrain>(id).GetAsync();
        return await SeesAsync(principal, ticket, access) ? ticket : throw DomainException.NotFound("Ticket", id);
    }

    private static async Task<bool> SeesAsync(ApiPrincipal principal, TicketView ticket, Access access) =>
        principal.IsAdmin
        || (principal.CustomerId == ticket.CustomerId
            && (principal.Role == Roles.Operator || (ticket.UnitId is { } unitId && await access.ManagesAsync(principal, unitId))));
}
