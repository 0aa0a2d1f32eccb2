using Microsoft.AspNetCore.Http;
using Vrps.Api.Auth;
using Vrps.Grains.Rules;

namespace Vrps.Api.Idempotency;

/// <summary>
/// The id a create request gives the thing it creates. With an Idempotency-Key it is derived from the caller's key,
/// the scope and that key, so a retry after an answer the client never got (a timeout, a 503, a dropped connection)
/// names the same thing and the grain treats it as the same request instead of creating a second one.
/// </summary>
public static class IdempotentIds
{
    /// <summary>Whether <see cref="For"/> derives the id from an Idempotency-Key, so a record under it may already exist.</summary>
    public static bool IsDerived(HttpContext context) => KeyOf(context) is not null;

    /// <param name="part">Names one of several records a single request creates (a touchpoint and the ticket it opens).</param>
    public static Guid For(HttpContext context, ApiPrincipal principal, Guid scope, string? part = null) =>
        KeyOf(context) is not { } key ? Guid.NewGuid()
        : NameBasedIds.From(part is null ? $"{principal.KeyId:N}:{scope:N}:{key}" : $"{principal.KeyId:N}:{scope:N}:{key}:{part}");

    private static string? KeyOf(HttpContext context) =>
        context.Request.Headers.TryGetValue(IdempotencyMiddleware.HeaderName, out var values) && values.ToString() is { Length: > 0 } key ? key : null;
}
