using Vrps.Api.Requests;

namespace Vrps.Api.Webhooks;

/// <param name="Url">Absolute http or https URL the deliveries are POSTed to.</param>
/// <param name="EventTypes">Tenant event types to deliver (e.g. lot.created), or "*" for all.</param>
/// <param name="CustomerId">Required for platform admins; operators default to (and may only name) their own customer.</param>
public sealed record CreateWebhookRequest(
    [RequiredField] string? Url,
    [RequiredField] IReadOnlyList<string>? EventTypes,
    [RequiredWhen("Required for platform admins; operators default to (and may only name) their own customer.")] Guid? CustomerId);
