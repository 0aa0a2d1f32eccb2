using Vrps.Interfaces.Webhooks;

namespace Vrps.Api.Problems;

/// <summary>The stable codes clients switch on; the human text beside them may change.</summary>
public static class ProblemCodes
{
    public const string NotFound = "not_found";
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string PayloadTooLarge = "payload_too_large";
    public const string StorageUnavailable = "storage_unavailable";
    public const string Timeout = "timeout";
    public const string Conflict = "conflict";
    public const string InternalError = "internal_error";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyKeyInProgress = "idempotency_key_in_progress";
    public const string SlugImmutable = "slug_immutable";

    /// <summary>The public pages' reads: no lot with that slug, no group offer with that share token, no pass with that id.</summary>
    public const string LotNotFound = "lot_not_found";
    public const string ShareLinkNotFound = "share_link_not_found";
    public const string PassNotFound = "pass_not_found";

    /// <summary>Refused by the grains, so declared beside them; listed here with the others clients switch on.</summary>
    public const string WebhookUrlNotAllowed = WebhookProblemCodes.UrlNotAllowed;
}
