using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Api.Requests;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Violations;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

/// <summary>
/// Patrols (R14): plate lookups, the recently-expired list, scans and violations. Patrol companies read and log at the
/// lots they are scoped to; operators read their own lots' logs; nobody here issues or changes a pass.
/// </summary>
public static class EnforcementEndpoints
{
    public static IEndpointRouteBuilder MapEnforcementEndpoints(this IEndpointRouteBuilder routes)
    {
        var patrol = routes.MapGroup("/api/enforcement").WithTags("Enforcement");
        patrol.MapGet("/lookup", LookupAsync).WithName("LookUpPlate")
            .WithSummary("Is this plate authorized at this lot now? Honours the lot's grace period; reason: active, grace_period, expired, " +
                         "suspended, revoked, cancelled or no_pass")
            .WithProblems();
        patrol.MapPost("/scans", RecordScanAsync).WithName("RecordScan")
            .WithSummary("Log a plate check with the lot's answer at that moment (patrol companies in scope, platform admins)").WithProblems();
        patrol.MapPost("/violations", RecordViolationAsync).WithName("RecordViolation")
            .WithSummary("Log a violation (patrol companies in scope, platform admins); emits violation.recorded and an audit record").WithProblems();

        var lots = routes.MapGroup("/api/lots").WithTags("Enforcement");
        lots.MapGet("/{id:guid}/recently-expired", RecentlyExpiredAsync).WithName("ListRecentlyExpiredPasses")
            .WithSummary("Passes of the lot that expired most recently, newest first (?limit=, default 50)").WithProblems();
        lots.MapGet("/{id:guid}/scans", ListScansAsync).WithName("ListLotScans").WithSummary("The lot's scans, paged").WithProblems();
        lots.MapGet("/{id:guid}/violations", ListViolationsAsync).WithName("ListLotViolations").WithSummary("The lot's violations, paged").WithProblems();

        routes.MapGroup("/api/scans").WithTags("Enforcement")
            .MapGet("/{id:guid}", GetScanAsync).WithName("GetScan").WithSummary("Read a scan").WithProblems();
        routes.MapGroup("/api/violations").WithTags("Enforcement")
            .MapGet("/{id:guid}", GetViolationAsync).WithName("GetViolation").WithSummary("Read a violation").WithProblems();
        return routes;
    }

    private static async Task<Ok<PlateLookup>> LookupAsync(string? lotId, string? plate, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        if (!Guid.TryParse(lotId, out var lot))
        {
            throw DomainException.Validation("lotId", "lotId is required and must be a lot id.");
        }

        if (string.IsNullOrWhiteSpace(plate))
        {
            throw DomainException.Validation("plate", "plate is required.");
        }

        // The lot was just read for the key's scope: its grace period goes along, so the lookup asks no grain again.
        var read = await ReadAsync(principal, access, lot);
        return TypedResults.Ok(await grains.GetGrain<ILotOccupancyGrain>(lot).LookupWithGraceAsync(plate, read.GracePeriodMinutes));
    }

    private static async Task<Created<ScanView>> RecordScanAsync(RecordScanRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var (lotId, plate) = (request.LotId!.Value, request.Plate!);
        await LogAsync(principal, access, lotId);
        var id = Guid.NewGuid();
        var scan = await grains.GetGrain<IScanGrain>(id)
            .RecordAsync(new RecordScan(lotId, plate, request.Latitude, request.Longitude, principal.EnforcementCompanyId), principal.Actor);
        return TypedResults.Created($"/api/scans/{id}", scan);
    }

    private static async Task<Created<ViolationView>> RecordViolationAsync(
        RecordViolationRequest request, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var (lotId, plate) = (request.LotId!.Value, request.Plate!);
        await LogAsync(principal, access, lotId);
        var id = Guid.NewGuid();
        var command = new RecordViolation(
            lotId, plate, request.Reason!, request.Notes, request.PhotoUrls, request.StickerNumber, principal.EnforcementCompanyId);
        var violation = await grains.GetGrain<IViolationGrain>(id).RecordAsync(command, principal.Actor);
        return TypedResults.Created($"/api/violations/{id}", violation);
    }

    private static async Task<Ok<Page<PassSummary>>> RecentlyExpiredAsync(Guid id, int? limit, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await ReadAsync(principal, access, id);
        if (limit is < 1 or > GrainIndex.MaxPageSize)
        {
            throw DomainException.Validation("limit", $"limit must be between 1 and {GrainIndex.MaxPageSize}.");
        }

        var passes = await grains.GetGrain<ILotOccupancyGrain>(id).RecentlyExpiredAsync(limit ?? PageRequest.DefaultLimit);
        return TypedResults.Ok(new Page<PassSummary>(passes, null));
    }

    private static async Task<Ok<Page<ScanView>>> ListScansAsync(Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await ReadAsync(principal, access, id);
        return TypedResults.Ok(await PageRequest.ReadAsync<ScanView>(index, EnforcementIndexKinds.Scan, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<Page<ViolationView>>> ListViolationsAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await ReadAsync(principal, access, id);
        return TypedResults.Ok(await PageRequest.ReadAsync<ViolationView>(index, EnforcementIndexKinds.Violation, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<ScanView>> GetScanAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var scan = await grains.GetGrain<IScanGrain>(id).GetAsync();
        await HiddenAsAsync("Scan", id, () => ReadAsync(principal, access, scan.LotId));
        return TypedResults.Ok(scan);
    }

    private static async Task<Ok<ViolationView>> GetViolationAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        var violation = await grains.GetGrain<IViolationGrain>(id).GetAsync();
        await HiddenAsAsync("Violation", id, () => ReadAsync(principal, access, violation.LotId));
        return TypedResults.Ok(violation);
    }

    /// <summary>
    /// Who reads a lot's patrol data: patrol companies scoped to it, and its operators and platform admins. Managers see
    /// the lot for their units' sake, not its enforcement, so to them it does not exist here.
    /// </summary>
    private static async Task<LotView> ReadAsync(ApiPrincipal principal, Access access, Guid lotId)
    {
        var lot = await access.LotAsync(principal, lotId, Need.Read);
        return principal.IsAdmin || principal.Role is Roles.Operator or Roles.Enforcement ? lot : throw DomainException.NotFound("Lot", lotId);
    }

    /// <summary>Only patrols log scans and violations (and platform admins); the lot's own staff may see it but not log.</summary>
    private static async Task LogAsync(ApiPrincipal principal, Access access, Guid lotId)
    {
        await access.LotAsync(principal, lotId, Need.Read);
        if (!principal.IsAdmin && principal.Role != Roles.Enforcement)
        {
            throw new DomainException(
                "forbidden", $"Only enforcement keys scoped to lot {lotId} record scans and violations.", DomainErrorKind.Forbidden);
        }
    }

    /// <summary>A record whose lot is out of reach answers as if the record did not exist, without naming the lot.</summary>
    private static async Task HiddenAsAsync(string what, Guid id, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (DomainException refused) when (refused.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.NotFound(what, id);
        }
    }
}
