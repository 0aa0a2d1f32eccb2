using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Vrps.Api.Auth;
using Vrps.Api.Problems;

namespace Vrps.Api.Telemetry;

/// <summary>
/// Orleans' meters and ours (grain storage, event log, deadlines), ASP.NET Core's and the runtime's, through
/// OpenTelemetry: scraped by Prometheus at <see cref="MetricsPath"/> with a platform-admin key (the figures describe
/// every tenant's load), and pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/api/metrics";

    /// <summary>Orleans publishes its runtime meters under this name.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IServiceCollection AddVrpsTelemetry(this IServiceCollection services, bool exportOtlp)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(static resource => resource.AddService("vrps-silo"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansMeter, "Vrps.*")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>The scrape endpoint, answering platform admins only (403 for every other valid key, 401 without one).</summary>
    internal static void MapVrpsMetrics(this WebApplication app)
    {
        app.UseWhen(
            static context => context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase),
            static branch => branch.Use(static async (context, next) =>
            {
                if (context.Features.Get<ApiPrincipal>() is { IsAdmin: true })
                {
                    await next(context).ConfigureAwait(false);
                    return;
                }

                await Problems.Problems.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only platform admins may read the metrics.")
                    .ExecuteAsync(context).ConfigureAwait(false);
            }));
        app.MapPrometheusScrapingEndpoint(MetricsPath);
    }
}
