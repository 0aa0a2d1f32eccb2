using Microsoft.AspNetCore.Http;
using Vrps.Api.Auth;
using Vrps.Interfaces;
using Vrps.Interfaces.Webhooks;

namespace Vrps.Api.Webhooks;

/// <summary>
/// A webhook belongs to its customer's configuration: platform admins and that customer's operators reach it; for
/// everyone else it answers 404 like a missing one, as <see cref="Access"/> does for the tree.
/// </summary>
internal static class WebhookAccess
{
    public static async Task<WebhookView> WebhookAsync(ApiPrincipal principal, IGrainFactory grains, Guid id)
    {
        var webhook = await grains.GetGrain<IWebhookGrain>(id).GetAsync().ConfigureAwait(false);
        if (!principal.IsAdmin && !(principal.Role == Roles.Operator && principal.CustomerId == webhook.CustomerId))
        {
            throw DomainException.NotFound("Webhook", id);
        }

        return webhook;
    }

    /// <summary>The customer a new webhook is for: the one named, or the operator's own.</summary>
    public static async Task<Guid> CustomerForNewAsync(ApiPrincipal principal, Access access, Guid? requested)
    {
        var customerId = requested ?? principal.CustomerId ?? (principal.IsAdmin
            ? throw DomainException.Validation("customerId", "customerId is required for a platform admin key.")
            : throw new DomainException("forbidden", $"Keys of role {principal.Role} may not manage webhooks.", DomainErrorKind.Forbidden));
        await access.CustomerAsync(principal, customerId, Need.Write).ConfigureAwait(false);
        return customerId;
    }
}
