using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Vrps.Api.Auth;
using Vrps.Api.Endpoints;
using Vrps.Api.Health;
using Vrps.Api.Idempotency;
using Vrps.Api.OpenApi;
using Vrps.Api.Problems;
using Vrps.Api.Telemetry;

namespace Vrps.Api;

public static class ApiApplicationExtensions
{
    /// <summary>Where the silo serves the Orleans dashboard when it is on; the API's key middleware lets platform admins only in.</summary>
    public const string DashboardPath = "/dashboard";

    public static WebApplication UseVrpsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(static async context =>
        {
            // Unmatched routes and methods answer with a problem too, not an empty body.
            var response = context.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0)
            {
                return;
            }

            var code = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ProblemCodes.NotFound,
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                StatusCodes.Status413PayloadTooLarge => ProblemCodes.PayloadTooLarge,
                _ => ProblemCodes.MalformedRequest,
            };
            await Problems.Problems.Of(response.StatusCode, code, $"The request could not be served ({response.StatusCode}).")
                .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapVrpsMetrics();
        app.UseSwagger(static o => o.PreSerializeFilters.Add(ServersDocument.Apply));
        app.UseSwaggerUI(static o => o.SwaggerEndpoint("/swagger/v1/swagger.json", "VRPS API v1"));
        app.MapPageEndpoints();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static c => c.Tags.Contains("ready"), ResponseWriter = HealthReportJson.WriteAsync });
        // One group for every API route, so each request record is checked for its required fields in one place.
        var api = app.MapGroup("").AddEndpointFilterFactory(RequiredFieldsFilter.Create);
        api.MapCustomerEndpoints();
        api.MapPropertyEndpoints();
        api.MapLotEndpoints();
        api.MapUnitEndpoints();
        api.MapEnforcementCompanyEndpoints();
        api.MapApiKeyEndpoints();
        api.MapAuditEndpoints();
        api.MapEventFeedEndpoints();
        api.MapWebhookEndpoints();
        api.MapPassTypeEndpoints();
        api.MapOfferEndpoints();
        api.MapClaimEndpoints();
        api.MapPublicEndpoints();
        api.MapPassEndpoints();
        api.MapEnforcementEndpoints();
        api.MapMoneyEndpoints();
        api.MapConsumerEndpoints();
        api.MapReservationEndpoints();
        api.MapTicketEndpoints();
        api.MapAmenityEndpoints();
        return app;
    }
}
