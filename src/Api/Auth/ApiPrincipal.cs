using Microsoft.AspNetCore.Http;
using Vrps.Interfaces;

namespace Vrps.Api.Auth;

/// <summary>The authenticated API key behind a request: its role and the tenant or company it is bound to.</summary>
public sealed record ApiPrincipal(Guid KeyId, string Role, Guid? CustomerId, Guid? UserId, Guid? EnforcementCompanyId, Guid? ConsumerId)
{
    public Actor Actor => new(KeyId.ToString("D"), Role);

    public bool IsAdmin => Role == Roles.PlatformAdmin;

    /// <summary>Minimal-API binding: the authentication middleware put the principal on the request.</summary>
    public static ValueTask<ApiPrincipal?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<ApiPrincipal>());
}
