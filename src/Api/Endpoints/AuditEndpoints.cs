using Vrps.Interfaces.Events;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Postgres.Index;
using Vrps.Postgres.Events;

namespace Vrps.Api.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/audit").WithTags("Audit")
            .MapGet("/", ReadAsync).WithName("ReadAudit")
            .WithSummary("The audit trail of one entity, oldest first: actor, action, before, after, time (R16, P5)")
            .WithProblems();
        return routes;
    }

    private static async Task<Ok<Page<AuditEntry>>> ReadAsync(Guid? entityId, int? limit, string? cursor, ApiPrincipal principal, EventLogReader log)
    {
        var id = entityId ?? throw DomainException.Validation("entityId", "entityId is required.");
        var take = limit ?? PageRequest.DefaultLimit;
        if (take is < 1 or > GrainIndex.MaxPageSize)
        {
            throw DomainException.Validation("limit", $"limit must be between 1 and {GrainIndex.MaxPageSize}.");
        }

        long after = 0;
        if (cursor is not null && !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw DomainException.Validation("cursor", "cursor must be a nextCursor value returned by this list.");
        }

        var events = await log.ReadStreamAsync(AuditRecord.Namespace, StreamKeys.Of(id), after, take + 1);
        var entries = events.Take(take).Select(static e => new AuditEntry(e.Sequence, e.As<AuditEntryRecord>(VrpsJson.Options))).ToList();
        var visible = entries.Where(e => principal.IsAdmin || (e.Record.CustomerId is { } tenant && tenant == principal.CustomerId)).ToList();
        if (visible.Count == 0 && (after == 0 || entries.Count > 0))
        {
            throw DomainException.NotFound("Entity", id);
        }

        if (!principal.IsAdmin && principal.Role != Roles.Operator)
        {
            throw new DomainException("forbidden", "Only platform admins and operators read the audit trail.", DomainErrorKind.Forbidden);
        }

        var next = events.Count > take ? entries[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<AuditEntry>(visible, next));
    }
}

/// <param name="Sequence">Position in the entity's trail, from 1.</param>
public sealed record AuditEntry(long Sequence, AuditEntryRecord Record);

/// <summary>An audit record as stored: before and after are the entity's views at the time.</summary>
public sealed record AuditEntryRecord(
    Guid EntityId,
    string EntityType,
    Guid? CustomerId,
    string Action,
    Actor Actor,
    System.Text.Json.JsonElement? Before,
    System.Text.Json.JsonElement? After,
    DateTimeOffset At);
