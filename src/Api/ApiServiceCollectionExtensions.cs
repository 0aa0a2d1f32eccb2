using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Vrps.Api.Auth;
using Vrps.Api.Health;
using Vrps.Api.Idempotency;
using Vrps.Api.OpenApi;
using Vrps.Api.Problems;

namespace Vrps.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Largest request body accepted; bigger bodies get a 413 problem.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddVrpsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(static o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(static o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<JsonOptions>(static o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;

            // A property without a value is left out rather than sent as null, so the OpenAPI document can say
            // "optional" without also saying "nullable": generated clients get plain optional members instead of
            // nullable wrappers around $ref schemas, which many generators model badly.
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddSingleton<Access>();
        services.AddSingleton<ExistingRecords>();
        services.AddSingleton<Public.LotLinks>();
        services.AddOptions<ClaimLimits>().BindConfiguration(ClaimLimits.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClaimLimits>, ClaimLimitsValidator>());
        services.AddSingleton(static provider => TrustedProxies.Parse(provider.GetRequiredService<IOptions<ClaimLimits>>().Value.KnownProxies));
        services.AddRateLimiter(static o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = static async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "10";
                await Problems.Problems.Of(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests from this client; retry shortly.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };

            // Claims and the public pages' reads are limited per client alike, each in its own window, so a page that
            // polls its group offer never spends its visitor's claims.
            o.AddPolicy(Endpoints.ClaimEndpoints.RateLimitPolicy, PerClient);
            o.AddPolicy(Endpoints.PublicEndpoints.RateLimitPolicy, PerClient);
        });
        services.AddHostedService<BootstrapAdminKeyService>();
        services.AddHostedService<IdempotencyStartup>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(static o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "VRPS API",
                Version = "v1",
                Description = "Property operations: the ownership tree, passes, enforcement. Every error is an RFC 9457 problem with a stable `code`.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.SchemaFilter<ContractSchemaFilter>();
            o.SchemaFilter<ProblemSchemaFilter>();
            o.OperationFilter<SecurityOperationFilter>();
            o.AddSecurityDefinition(SecurityOperationFilter.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer vrps_…`.",
            });
        });
        services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: ["ready"]);
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<ClaimLimits>>().Value;
        var client = context.RequestServices.GetRequiredService<TrustedProxies>()
            .ClientOf(context.Connection.RemoteIpAddress, context.Request.Headers[TrustedProxies.ForwardedForHeader]);
        return RateLimitPartition.GetFixedWindowLimiter(
            client?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitsPerWindow, Window = limits.Window, QueueLimit = 0 });
    }
}
