using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Grains.Passes;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Consumers;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

/// <summary>
/// Consumers (R12): people who park, outside the ownership tree. Platform admins and operators create them; afterwards
/// only the consumer's own key and platform admins see them — to every other key a consumer does not exist.
/// </summary>
public static class ConsumerEndpoints
{
    private const int MaxDescriptionLength = 200;

    public static IEndpointRouteBuilder MapConsumerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/consumers").WithTags("Consumers");
        group.MapPost("/", CreateAsync).WithName("CreateConsumer")
            .WithSummary("Create a consumer with an optional name, phone and email (platform admins, operators); " +
                         "409 identity_taken when the phone or email belongs to another consumer")
            .WithProblems(409);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetConsumer").WithSummary("Read a consumer (their own key, platform admins)").WithProblems();
        group.MapPost("/{id:guid}/identities", AddIdentityAsync).WithName("AddConsumerIdentity")
            .WithSummary("Add a phone, email or oauth identity; 409 identity_taken when another consumer has it; only platform admins mark one verified")
            .WithProblems(409);
        group.MapPost("/{id:guid}/vehicles", AddVehicleAsync).WithName("AddConsumerVehicle")
            .WithSummary("Add a vehicle, or change a known plate's description; the consumer has exactly one default vehicle").WithProblems();
        group.MapGet("/{id:guid}/passes", ListPassesAsync).WithName("ListConsumerPasses").WithSummary("The consumer's passes, paged").WithProblems();
        return routes;
    }

    private static async Task<Created<ConsumerView>> CreateAsync(CreateConsumerRequest request, ApiPrincipal principal, IGrainFactory grains)
    {
        if (!principal.IsAdmin && principal.Role != Roles.Operator)
        {
            throw new DomainException("forbidden", "Only platform admins and operators create consumers.", DomainErrorKind.Forbidden);
        }

        var name = request.Name is null ? null : Names.Require(request.Name);
        var identities = ConsumerIdentityRules.OfNewConsumer(request.Phone, request.Email);

        if (name is null && identities.Count == 0)
        {
            throw DomainException.Validation("name", "Give at least a name, a phone or an email.");
        }

        var id = Guid.NewGuid();

        // Checked up front so the usual refusal creates nothing; BindAsync below still decides races.
        foreach (var identity in identities)
        {
            if (ConsumerIdentityRules.TakenFrom(id, await IdentityGrain(grains, identity).FindConsumerAsync()))
            {
                throw IdentityTaken(identity);
            }
        }

        // The consumer exists before any identity points at it, so a claim that resolves the identity meanwhile finds it.
        var consumer = grains.GetGrain<IConsumerGrain>(id);
        var view = await consumer.CreateAsync(name, []);
        foreach (var identity in identities)
        {
            view = await BindAsync(grains, consumer, id, identity);
        }

        return TypedResults.Created($"/api/consumers/{id}", view);
    }

    private static async Task<Ok<ConsumerView>> GetAsync(Guid id, ApiPrincipal principal, IGrainFactory grains) =>
        TypedResults.Ok(await FindAsync(principal, id, grains));

    private static async Task<Ok<ConsumerView>> AddIdentityAsync(Guid id, AddIdentityRequest request, ApiPrincipal principal, IGrainFactory grains)
    {
        await FindAsync(principal, id, grains);
        var identity = ConsumerIdentityRules.Parse(request.Kind, request.Value, request.Verified ?? false, request.Preferred ?? false, principal.IsAdmin);
        return TypedResults.Ok(await BindAsync(grains, grains.GetGrain<IConsumerGrain>(id), id, identity));
    }

    private static async Task<Ok<ConsumerView>> AddVehicleAsync(Guid id, AddVehicleRequest request, ApiPrincipal principal, IGrainFactory grains)
    {
        await FindAsync(principal, id, grains);
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (description is { Length: > MaxDescriptionLength })
        {
            throw DomainException.Validation("description", $"description must be at most {MaxDescriptionLength} characters.");
        }

        var plate = Plates.Normalize(request.Plate);
        return TypedResults.Ok(await grains.GetGrain<IConsumerGrain>(id).AddVehicleAsync(plate, description, request.Default ?? false));
    }

    private static async Task<Ok<Page<PassView>>> ListPassesAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, IGrainFactory grains, GrainIndex index)
    {
        await FindAsync(principal, id, grains);
        return TypedResults.Ok(await PageRequest.ReadAsync<PassView>(
            index, IndexKinds.Pass, null, null, limit, cursor, match: (PassIssuance.ConsumerField, id.ToString("D"))));
    }

    /// <summary>The consumer, for their own key and platform admins; for every other key it does not exist.</summary>
    private static async Task<ConsumerView> FindAsync(ApiPrincipal principal, Guid id, IGrainFactory grains)
    {
        var mayRead = principal.IsAdmin || (principal.Role == Roles.Consumer && principal.ConsumerId == id);
        return mayRead && await grains.GetGrain<IConsumerGrain>(id).FindAsync() is { } consumer
            ? consumer
            : throw DomainException.NotFound("Consumer", id);
    }

    /// <summary>The identity's own grain decides who owns it; the consumer lists it only once it won.</summary>
    private static async Task<ConsumerView> BindAsync(IGrainFactory grains, IConsumerGrain consumer, Guid consumerId, ConsumerIdentity identity)
    {
        var owner = await IdentityGrain(grains, identity).BindAsync(consumerId);
        return ConsumerIdentityRules.TakenFrom(consumerId, owner) ? throw IdentityTaken(identity) : await consumer.AddIdentityAsync(identity);
    }

    private static IConsumerIdentityGrain IdentityGrain(IGrainFactory grains, ConsumerIdentity identity) =>
        grains.GetGrain<IConsumerIdentityGrain>(ConsumerIdentityRules.KeyOf(identity));

    private static DomainException IdentityTaken(ConsumerIdentity identity) =>
        new("identity_taken", $"That {identity.Kind} already belongs to another consumer.", DomainErrorKind.Conflict);
}
