using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vrps.Api.Health;

/// <summary>
/// /health/ready as a small JSON document instead of the bare word: the overall status and, per check, its status,
/// description and data (for the silo: its membership status, address and the active silos it sees). The HTTP status
/// stays the contract for load balancers: 200 when healthy, 503 otherwise.
/// </summary>
internal static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var checks = report.Entries.ToDictionary(
            static e => e.Key,
            static e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data });
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), checks }));
    }
}
