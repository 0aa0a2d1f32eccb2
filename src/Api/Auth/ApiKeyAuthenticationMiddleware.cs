using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vrps.Api.Problems;
using Vrps.Interfaces;
using Vrps.Interfaces.ApiKeys;

namespace Vrps.Api.Auth;

/// <summary>
/// Every /api request carries <c>Authorization: Bearer &lt;key&gt;</c>. Missing, malformed, unknown and revoked keys all
/// answer the same 401, so a probe learns nothing about which keys exist.
/// </summary>
internal sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, IGrainFactory grains, IOptions<ApiOptions> options)
{
    /// <summary>The key id the configured bootstrap key acts as.</summary>
    public static readonly Guid BootstrapKeyId = new("00000000-0000-0000-0000-00000000b007");

    private readonly byte[]? bootstrap = options.Value.BootstrapAdminKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiApplicationExtensions.DashboardPath, StringComparison.OrdinalIgnoreCase))
        {
            await DashboardAsync(context).ConfigureAwait(false);
            return;
        }

        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || IsAnonymous(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var principal = await AuthenticateAsync(context.Request.Headers.Authorization.ToString()).ConfigureAwait(false);
        await AdmitAsync(context, principal, "Bearer", "A valid API key is required: send Authorization: Bearer <key>.").ConfigureAwait(false);
    }

    /// <summary>
    /// The Orleans dashboard shows every grain's state and load, so only platform-admin keys open it: as a bearer token,
    /// or as the password of HTTP Basic, which a browser asks for itself (the user name is ignored).
    /// </summary>
    private async Task DashboardAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var principal = await AuthenticateAsync(BasicPasswordAsBearer(header) ?? header).ConfigureAwait(false);
        await AdmitAsync(
            context, principal is { IsAdmin: true } ? principal : null, "Basic realm=\"VRPS dashboard\", charset=\"UTF-8\"",
            "The dashboard opens with a platform-admin key (as the password).").ConfigureAwait(false);
    }

    /// <summary>Lets the request on as <paramref name="principal"/>, or answers 401 with the challenge and reason given.</summary>
    private async Task AdmitAsync(HttpContext context, ApiPrincipal? principal, string challenge, string reason)
    {
        if (principal is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = challenge;
            await Problems.Problems.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, reason).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Features.Set(principal);
        await next(context).ConfigureAwait(false);
    }

    private static string? BasicPasswordAsBearer(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : "Bearer " + decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsAnonymous(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AllowAnonymousKeyAttribute>() is not null;

    private async Task<ApiPrincipal?> AuthenticateAsync(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        if (bootstrap is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), bootstrap))
        {
            return new ApiPrincipal(BootstrapKeyId, Roles.PlatformAdmin, null, null, null, null);
        }

        if (!ApiKeyToken.TryParse(token, out var keyId, out var secret))
        {
            return null;
        }

        var credential = await grains.GetGrain<IApiKeyGrain>(keyId).GetCredentialAsync().ConfigureAwait(false);
        if (credential is null || credential.Key.RevokedAt is not null || !ApiKeyToken.Matches(secret, credential.SecretHash))
        {
            return null;
        }

        var key = credential.Key;
        return new ApiPrincipal(key.Id, key.Role, key.CustomerId, key.UserId, key.EnforcementCompanyId, key.ConsumerId);
    }
}
