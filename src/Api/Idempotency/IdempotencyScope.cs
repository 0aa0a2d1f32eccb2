using Microsoft.AspNetCore.Http;
using Vrps.Api.Auth;

namespace Vrps.Api.Idempotency;

/// <summary>Whose namespace an Idempotency-Key lives in: the API key that sent it, or one shared by every anonymous caller.</summary>
internal static class IdempotencyScope
{
    /// <summary>
    /// Anonymous routes (claims) have no API key to scope by, and a client address changes between a phone's retries;
    /// so their keys share one scope, each bound to its first request by the request hash (issue 9).
    /// </summary>
    public static readonly Guid Anonymous = new("00000000-0000-0000-0000-0000000a0000");

    /// <summary>The scope of the request's keys; null when it has neither an API key nor an anonymous route.</summary>
    public static Guid? Of(HttpContext context) =>
        context.Features.Get<ApiPrincipal>() is { } principal ? principal.KeyId
        : context.GetEndpoint()?.Metadata.GetMetadata<AllowAnonymousKeyAttribute>() is not null ? Anonymous
        : null;
}
