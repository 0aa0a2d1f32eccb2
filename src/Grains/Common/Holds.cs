using Vrps.Interfaces.Passes;
using Vrps.Runtime;

namespace Vrps.Grains.Common;

/// <summary>
/// Places held for passes being claimed. A hold that outlives <see cref="Ttl"/> is settled by asking the pass grain,
/// the single judge: issued (the place is kept) or voided (the place is freed, and that pass can never be issued).
/// So a claim that dies half-way can neither oversell nor leak capacity for good.
/// </summary>
public static class Holds
{
    public const string Reminder = "lapse-holds";

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>Settles every lapsed hold; returns the pass ids that turned out issued.</summary>
    public static async Task<List<Guid>> SettleLapsedAsync(Dictionary<Guid, DateTimeOffset> holds, DateTimeOffset now, IGrainFactory grains)
    {
        var issued = new List<Guid>();
        foreach (var (passId, _) in holds.Where(h => h.Value <= now).ToList())
        {
            if (await grains.GetGrain<IPassGrain>(passId).ResolveAsync())
            {
                issued.Add(passId);
            }

            holds.Remove(passId);
        }

        return issued;
    }

    public static DateTimeOffset? NextLapse(Dictionary<Guid, DateTimeOffset> holds) => holds.Count == 0 ? null : holds.Values.Min();
}
