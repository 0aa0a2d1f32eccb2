namespace Vrps.Api.Tests;

/// <summary>
/// One answer a claimant got: <see cref="Status"/> 0 when no HTTP answer came (<see cref="Failure"/> says why);
/// <see cref="SentAt"/> and <see cref="AnsweredAt"/> are <see cref="System.Diagnostics.Stopwatch"/> timestamps.
/// </summary>
internal sealed record ClaimAnswer(
    int Claimant, string Key, int Silo, long SentAt, long AnsweredAt, int Status, string? Code, double? RetryAfterSeconds, Guid? PassId, string? Failure)
{
    /// <summary>The answer says nothing was settled and the same request may be sent again.</summary>
    public bool SaysRetry => Status == 0
        || (RetryAfterSeconds is not null && (Status == 503 || (Status == 409 && Code is "conflict" or "idempotency_key_in_progress")));
}
