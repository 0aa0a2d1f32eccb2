using System.Text.Json;
using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Passes;
using Vrps.Grains.Passes;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Storage;
using Orleans.Storage;

namespace Vrps.Grains.Occupancy;

/// <summary>
/// A lot's capacity (R11) and its plate index (R14). It decides the last place of every claim and issues the pass in
/// the same step (<see cref="IssueAsync"/>). Plate lookups — the hottest read — are answered from memory; the memory
/// is rebuilt from the grain index on activation and kept current by the passes it issues and the lot's pass events.
/// Holds stored by earlier versions (a place held, then confirmed) still lapse and settle by asking the pass.
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
    private readonly Dictionary<Guid, Task<PassView>> issuing = [];
    private readonly GrainIndex index;
    private readonly GrainStates states;
    private readonly IPersistentState<LotOccupancyState> state;
    private readonly CoalescedWrites writes;

    public LotOccupancyGrain(GrainIndex index, GrainStates states, [PersistentState("occupancy")] IPersistentState<LotOccupancyState> state)
    {
        this.index = index;
        this.states = states;
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

    public Task<PassView> IssueAsync(Guid passId, IssuePass command, int capacity)
    {
        if (issuing.TryGetValue(passId, out var inFlight))
        {
            return inFlight;
        }

        if (active.ContainsKey(passId))
        {
            return IssuedBeforeAsync(passId);
        }

        if (active.Count + state.State.Holds.Count + issuing.Count >= capacity)
        {
            throw new DomainException("lot_full", "The lot has no free place for another pass.", DomainErrorKind.Conflict);
        }

        // Counted from now on, so the calls that run while this pass is written cannot give its place away; shown to
        // readers (plate lookups, counts) only once it is committed.
        var issued = IssueNowAsync(passId, command);
        if (!issued.IsCompleted)
        {
            issuing[passId] = issued;
        }

        return issued;
    }

    private async Task<PassView> IssueNowAsync(Guid passId, IssuePass command)
    {
        try
        {
            var now = TimeProvider.GetUtcNow();
            var pass = PassIssuance.NewState(command, now);
            var view = PassIssuance.View(passId, pass);
            var passGrain = GrainFactory.GetGrain<IPassGrain>(passId).GetGrainId();
            var (deadline, dueAt) = PassIssuance.FirstDeadline(pass, command.ExpiringSoonLead);
            List<ICommitEffect> effects =
            [
                DeadlineOf(passGrain, deadline, dueAt), EventOf(TenantEvents.Namespace, view.CustomerId, EventTypes.PassIssued, view), IndexRowOf(PassIssuance.IndexRow(view)),
            ];
            if (PassIssuance.Payment(view) is { } payment)
            {
                effects.Add(IndexRowOf(payment));
            }

            try
            {
                await states.CreateAsync(passGrain, PassIssuance.StateName, pass, effects);
            }
            catch (InconsistentStateException)
            {
                throw new DomainException("claim_expired", "This claim took too long and its hold lapsed; claim again.", DomainErrorKind.Conflict);
            }

            Track(new PassSummary(passId, view.Plate, view.Status, view.StartsAt, view.EndsAt, view.EndedAt, view.UnitId));
            return view;
        }
        finally
        {
            issuing.Remove(passId);
        }
    }

    /// <summary>A repeated issue of a pass this activation already counts (a retried claim): the pass as stored.</summary>
    private async Task<PassView> IssuedBeforeAsync(Guid passId) =>
        await GrainFactory.GetGrain<IPassGrain>(passId).FindAsync()
            ?? throw new DomainException("claim_expired", "This claim took too long and its hold lapsed; claim again.", DomainErrorKind.Conflict);

    public async Task<PlateLookup> LookupAsync(string plate) =>
        Lookup(plate, (await GrainFactory.GetGrain<ILotGrain>(LotId).GetAsync()).GracePeriodMinutes);

    public Task<PlateLookup> LookupWithGraceAsync(string plate, int gracePeriodMinutes) => Task.FromResult(Lookup(plate, gracePeriodMinutes));

    private PlateLookup Lookup(string plate, int gracePeriodMinutes)
    {
        var normalized = Plates.Normalize(plate);
        var now = TimeProvider.GetUtcNow();
        var grace = TimeSpan.FromMinutes(gracePeriodMinutes);
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
        return new OccupancyView(LotId, lot.Capacity, active.Count, state.State.Holds.Count + issuing.Count);
    }

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
