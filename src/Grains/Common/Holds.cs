using Vrps.Interfaces.Passes;

namespace Vrps.Grains.Common;

/// <summary>
/// Places held for passes being claimed, shared by the offer, the lot's occupancy and the unit's passes. A hold that
/// outlives <see cref="Ttl"/> is settled by asking the pass grain, the single judge: issued (the place is kept) or
/// voided (the place is freed, and that pass can never be issued). So a claim that dies half-way can neither oversell
/// nor leak capacity for good. One deadline per holder, named <see cref="Reminder"/>, is due at the earliest lapse.
/// </summary>
public static class Holds
{
    public const string Reminder = "lapse-holds";

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Holds a place for <paramref name="passId"/>; returns the deadline to arm when no lapse reminder is armed
    /// (<paramref name="armedAt"/> is null). One armed before is due no later than this hold lapses, since every hold
    /// lives <see cref="Ttl"/>, and arms the next lapse when it fires; arming again would be one more write per hold.
    /// </summary>
    public static DateTimeOffset? Place(Dictionary<Guid, DateTimeOffset> holds, Guid passId, DateTimeOffset now, DateTimeOffset? armedAt)
    {
        holds[passId] = now + Ttl;
        return armedAt is null ? now + Ttl : null;
    }

    /// <summary>
    /// Settles every hold lapsed at <paramref name="now"/> and returns the passes that turned out issued. The holder is
    /// reentrant, so a hold may be released while its pass is asked (its pass event came first): only holds this call
    /// removed count, and none counts twice.
    /// </summary>
    public static async Task<List<PassView>> SettleLapsedAsync(Dictionary<Guid, DateTimeOffset> holds, DateTimeOffset now, IGrainFactory grains)
    {
        var issued = new List<PassView>();
        foreach (var passId in holds.Where(h => h.Value <= now).Select(static h => h.Key).ToList())
        {
            var pass = grains.GetGrain<IPassGrain>(passId);
            var view = await pass.ResolveAsync() ? await pass.FindAsync() : null;
            if (holds.Remove(passId) && view is not null)
            {
                issued.Add(view);
            }
        }

        return issued;
    }

    public static DateTimeOffset? NextLapse(Dictionary<Guid, DateTimeOffset> holds) => holds.Count == 0 ? null : holds.Values.Min();
}
