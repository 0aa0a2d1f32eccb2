using Vrps.Interfaces;
using Vrps.Interfaces.Events;

namespace Vrps.Grains.Webhooks;

/// <summary>What a webhook may be configured with.</summary>
internal static class WebhookRules
{
    public const string AllEvents = "*";

    public const int MaxUrlLength = 2048;

    /// <summary>The normalized url and event types; every invalid field is reported at once.</summary>
    public static (string Url, List<string> EventTypes) Validate(string? url, IReadOnlyList<string>? eventTypes)
    {
        var errors = new Dictionary<string, string[]>();
        var checkedUrl = Url(url, errors);
        var types = EventTypes(eventTypes, errors);
        if (errors.Count > 0)
        {
            throw new DomainException("validation_failed", string.Join(" ", errors.Values.SelectMany(static e => e)), DomainErrorKind.Invalid, errors);
        }

        return (checkedUrl, types);
    }

    public static bool Matches(IReadOnlyCollection<string> eventTypes, string type) =>
        eventTypes.Contains(AllEvents) || eventTypes.Contains(type);

    private static string Url(string? url, Dictionary<string, string[]> errors)
    {
        var trimmed = url?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxUrlLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors["url"] = [$"url must be an absolute http or https URL of at most {MaxUrlLength} characters."];
        }
        else if (uri.UserInfo.Length > 0)
        {
            // Credentials in a URL end up in logs and in every list that shows the webhook.
            errors["url"] = ["url must not carry credentials; verify deliveries with the signature instead."];
        }

        return trimmed;
    }

    private static List<string> EventTypes(IReadOnlyList<string>? eventTypes, Dictionary<string, string[]> errors)
    {
        if (eventTypes is null || eventTypes.Count == 0)
        {
            errors["eventTypes"] = [$"eventTypes must name at least one event type, or \"{AllEvents}\" for all."];
            return [];
        }

        var unknown = eventTypes.Where(static t => t != AllEvents && !TenantEvents.Types.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            errors["eventTypes"] = [$"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", TenantEvents.Types)}, or \"{AllEvents}\"."];
            return [];
        }

        return eventTypes.Contains(AllEvents) ? [AllEvents] : eventTypes.Distinct(StringComparer.Ordinal).ToList();
    }
}
