namespace Vrps.Api.Idempotency;

/// <summary>
/// When a stored key no longer protects anything and a new request may take it over: it expired, or its first request
/// left no response and is gone — it outlived <see cref="IdempotencyStore.AbandonedAfter"/>, or the silo that ran it
/// is one that cluster membership has declared dead (killed mid-request), so a client's retry through a survivor runs
/// again within seconds. The claim statement in <see cref="IdempotencyStore"/> applies the same rule in SQL.
/// </summary>
internal static class IdempotencyTakeover
{
    public static bool IsReclaimable(IdempotencyRecord record, DateTimeOffset now, IReadOnlyCollection<string> deadOwners) =>
        record.CreatedAt < now - IdempotencyStore.Retention
        || (record.Response is null
            && (record.CreatedAt < now - IdempotencyStore.AbandonedAfter || (record.Owner is { } owner && deadOwners.Contains(owner))));
}
