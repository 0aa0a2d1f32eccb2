namespace Vrps.Interfaces.Webhooks;

public static class WebhookStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public const string DisabledByRequest = "disabled_by_request";
    public const string TooManyFailures = "too_many_failures";

    /// <summary>Every value, for the API document's enums.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, Disabled, DisabledByRequest, TooManyFailures];
}
