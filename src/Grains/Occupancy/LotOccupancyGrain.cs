using System.Text.Json;
using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Passes;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Occupancy;

/// <summary>
/// A lot's capacity (R11) and its plate index (R14). Plate lookups — the hottest read — are answered from memory;
/// the memory is rebuilt from the grain index on activation and kept current by the lot's pass events.
/// </summary>
/// <remarks>A hot grain: reentrant, deciding synchronously and saving through <see cref="CoalescedWrites"/>.</remarks>
[GrainType("lot_occupancy")]
[Reentrant]
[ImplicitStreamSubscription(PassLifecycle.LotNamespace)]
public sealed class LotOccupancyGrain : VrpsGrain, ILotOccupancyGrain, IDeadlineReceiver, IStreamSubscriptionObserver
{
    private const int RecentLimit = 200;

    private readonly Dictionary<Guid, PassSummary> active = [];
    private readonly Dictionary<string, List<PassSummary>> byPlate = new(StringComparer.Ordinal);
    private readonly GrainIndex index;
    private readonly IPersistentState<LotOccupancyState> state;
    private readonly CoalescedWrites writes;

    public LotOccupancyGrain(GrainIndex index, [PersistentState("occupancy")] IPersistentState<LotOccupancyState> state)
    {
        this.index = index;
        this.state = state;
        writes = new CoalescedWrites(state.WriteStateAsync, DeactivateOnIdle);
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        ResumeEventsAsync(handleFactory, () => state.State.LastPassSequence, OnEventAsync);

    private Guid LotId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Only passes that hold a place, and only the fields the plate index needs: a lot's history of ended passes
        // grows without bound and must not slow its activation (measured: 6 s at 100,000 passes when read whole).
        var rows = await index.ScanAsync(
            IndexKinds.Pass, LotId.ToString("D"), IndexFields.Status, PassStatuses.HoldingCapacity, ["id", "plate", "status", "startsAt", "endsAt", "endedAt", "unitId"], cancellationToken);
        foreach (var row in rows)
        {
            var pass = row.Deserialize<PassRow>(VrpsJson.Options)!;
            Track(new PassSummary(pass.Id, pass.Plate, pass.Status, pass.StartsAt, pass.EndsAt, pass.EndedAt, pass.UnitId));
        }
    }

    public async Task ReserveAsync(Guid passId, int capacity)
    {
        if (active.ContainsKey(passId) || state.State.Holds.ContainsKey(passId))
        {
            return;
        }

        if (active.Count + state.State.Holds.Count >= capacity)
        {
            throw new DomainException("lot_full", "The lot has no free place for another pass.", DomainErrorKind.Conflict);
        }

        if (Holds.Place(state.State.Holds, passId, TimeProvider.GetUtcNow()) is { } lapse)
        {
            SetReminder(Holds.Reminder, lapse);
        }

        await writes.SaveAsync();
    }

    public async Task CancelReservationAsync(Guid passId)
    {
        if (state.State.Holds.Remove(passId))
        {
            await writes.SaveAsync();
        }
    }

    public async Task<PlateLookup> LookupAsync(string plate)
    {
        var normalized = Plates.Normalize(plate);
        var lot = await GrainFactory.GetGrain<ILotGrain>(LotId).GetAsync();
        var now = TimeProvider.GetUtcNow();
        var grace = TimeSpan.FromMinutes(lot.GracePeriodMinutes);
        var candidates = (byPlate.TryGetValue(normalized, out var passes) ? passes : [])
            .Concat(state.State.RecentlyExpired.Where(p => p.Plate == normalized))
            .ToList();

        var valid = candidates.FirstOrDefault(p => PassStatuses.Authorizes(p.Status) && p.StartsAt <= now && now < p.EndsAt);
        if (valid is not null)
        {
            return new PlateLookup(true, "active", normalized, LotId, valid, valid.EndsAt + grace);
        }

        var inGrace = candidates
            .Where(p => p.Status is PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Expired)
            .Select(p => (Pass: p, Until: (p.EndedAt is { } ended && ended < p.EndsAt ? ended : p.EndsAt) + grace))
            .Where(p => p.Until > now)
            .OrderByDescending(static p => p.Until)
            .FirstOrDefault();
        if (inGrace.Pass is not null)
        {
            return new PlateLookup(true, "grace_period", normalized, LotId, inGrace.Pass, inGrace.Until);
        }

        var latest = candidates.OrderByDescending(static p => p.EndsAt).FirstOrDefault();
        return new PlateLookup(false, latest?.Status ?? "no_pass", normalized, LotId, latest, null);
    }

    public Task<IReadOnlyList<PassSummary>> RecentlyExpiredAsync(int limit) =>
        Task.FromResult<IReadOnlyList<PassSummary>>(state.State.RecentlyExpired.OrderByDescending(static p => p.EndedAt).Take(limit).ToArray());

    public async Task<OccupancyView> GetAsync()
    {
        var lot = await GrainFactory.GetGrain<ILotGrain>(LotId).GetAsync();
        await writes.DurableAsync();
        return new OccupancyView(LotId, lot.Capacity, active.Count, state.State.Holds.Count);
    }

    public Task ConfirmAsync(PassLifecycle issued) =>
        state.State.Holds.ContainsKey(issued.Pass.PassId) ? ApplyAsync(issued.Pass) : Task.CompletedTask;

    private Task OnEventAsync(StreamEvent streamEvent)
    {
        state.State.LastPassSequence = streamEvent.Sequence;
        return ApplyAsync(streamEvent.As<PassLifecycle>().Pass);
    }

    private async Task ApplyAsync(PassSummary pass)
    {
        var changed = state.State.Holds.Remove(pass.PassId);
        Untrack(pass.PassId);
        if (PassStatuses.HoldsCapacity(pass.Status))
        {
            Track(pass);
        }
        else if (pass.Status == PassStatuses.Expired && state.State.RecentlyExpired.All(p => p.PassId != pass.PassId))
        {
            state.State.RecentlyExpired.Add(pass);
            if (state.State.RecentlyExpired.Count > RecentLimit)
            {
                state.State.RecentlyExpired.RemoveAt(0);
            }

            changed = true;
        }

        if (changed)
        {
            await writes.SaveAsync();
        }
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName != Holds.Reminder)
        {
            return;
        }

        var holds = state.State.Holds;
        foreach (var issued in await Holds.SettleLapsedAsync(holds, TimeProvider.GetUtcNow(), GrainFactory))
        {
            if (PassStatuses.HoldsCapacity(issued.Status))
            {
                Untrack(issued.Id);
                Track(new PassSummary(issued.Id, issued.Plate, issued.Status, issued.StartsAt, issued.EndsAt, issued.EndedAt, issued.UnitId));
            }
        }

        if (Holds.NextLapse(holds) is { } next)
        {
            SetReminder(Holds.Reminder, next);
        }

        await writes.SaveAsync();
    }

    private void Track(PassSummary pass)
    {
        active[pass.PassId] = pass;
        if (!byPlate.TryGetValue(pass.Plate, out var list))
        {
            byPlate[pass.Plate] = list = [];
        }

        list.Add(pass);
    }

    private void Untrack(Guid passId)
    {
        if (active.Remove(passId, out var old) && byPlate.TryGetValue(old.Plate, out var list))
        {
            list.RemoveAll(p => p.PassId == passId);
            if (list.Count == 0)
            {
                byPlate.Remove(old.Plate);
            }
        }
    }
}

/// <summary>The fields of a pass's index row that the lot's plate index is rebuilt from.</summary>
internal sealed record PassRow(Guid Id, string Plate, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? EndedAt, Guid? UnitId);
