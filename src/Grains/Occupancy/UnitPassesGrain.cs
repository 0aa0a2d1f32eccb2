using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.Units;
using Vrps.Runtime;
using Vrps.Runtime.Streams;

namespace Vrps.Grains.Occupancy;

/// <summary>A unit's concurrent active passes (R6, R11) and its per-pass-type quotas over rolling windows.</summary>
[GrainType("unit_passes")]
[ImplicitStreamSubscription(PassLifecycle.UnitNamespace)]
public sealed class UnitPassesGrain([PersistentState("unit_passes")] IPersistentState<UnitPassesState> state)
    : Grain, IUnitPassesGrain, IRemindable, IStreamSubscriber
{
    private static readonly TimeSpan UsageKept = TimeSpan.FromDays(400);

    private UnitPassesState State => state.State;

    public async Task ReserveAsync(UnitReservation reservation)
    {
        if (State.Active.Contains(reservation.PassId) || State.Holds.ContainsKey(reservation.PassId))
        {
            return;
        }

        var unit = await GrainFactory.GetGrain<IUnitGrain>(this.GetPrimaryKey()).GetAsync();
        if (State.Active.Count + State.Holds.Count >= unit.MaxConcurrentPasses)
        {
            throw new DomainException("unit_limit_reached", $"The unit already has its maximum of {unit.MaxConcurrentPasses} active passes.", 409);
        }

        var usage = new UnitUsage(reservation.PassId, reservation.PassTypeId, reservation.LotId, reservation.Plate, reservation.StartsAt, reservation.EndsAt);
        if (reservation.Quota is { } quota)
        {
            var counted = State.Usage.Concat(State.HeldUsage.Values)
                .Where(u => u.PassTypeId == reservation.PassTypeId)
                .Select(static u => new Quotas.Usage(u.Plate, u.LotId, u.Start, u.End))
                .ToList();
            if (!Quotas.Allows(quota, counted, new Quotas.Usage(usage.Plate, usage.LotId, usage.Start, usage.End)))
            {
                throw new DomainException("quota_exceeded", $"The unit's quota of {quota.Amount} {quota.Kind} per {quota.WindowDays} days would be exceeded.", 409);
            }
        }

        var now = TimeProvider.GetUtcNow();
        if (State.Holds.Count == 0)
        {
            SetReminder(Holds.Reminder, now + Holds.Ttl);
        }

        State.Holds[reservation.PassId] = now + Holds.Ttl;
        State.HeldUsage[reservation.PassId] = usage;
        _ = state.WriteStateAsync();
    }

    public Task CancelReservationAsync(Guid passId)
    {
        if (State.Holds.Remove(passId) | State.HeldUsage.Remove(passId))
        {
            _ = state.WriteStateAsync();
        }

        return Task.CompletedTask;
    }

    public async Task<OccupancyView> GetAsync()
    {
        var unit = await GrainFactory.GetGrain<IUnitGrain>(this.GetPrimaryKey()).GetAsync();
        return new OccupancyView(unit.Id, unit.MaxConcurrentPasses, State.Active.Count, State.Holds.Count);
    }

    public Task OnEventAsync(StreamEvent streamEvent)
    {
        var change = streamEvent.As<PassLifecycle>();
        Apply(change.Pass, change.LotId, change.PassTypeId);
        _ = state.WriteStateAsync();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Holds.Reminder)
        {
            return;
        }

        foreach (var passId in State.Holds.Where(h => h.Value <= TimeProvider.GetUtcNow()).Select(static h => h.Key).ToList())
        {
            var pass = GrainFactory.GetGrain<IPassGrain>(passId);
            if (await pass.ResolveAsync() && await pass.FindAsync() is { } issued)
            {
                Apply(new PassSummary(issued.Id, issued.Plate, issued.Status, issued.StartsAt, issued.EndsAt, issued.EndedAt, issued.UnitId), issued.LotId, issued.PassTypeId);
            }

            State.Holds.Remove(passId);
            State.HeldUsage.Remove(passId);
        }

        if (Holds.NextLapse(State.Holds) is { } next)
        {
            SetReminder(Holds.Reminder, next);
        }

        await state.WriteStateAsync();
    }

    private void Apply(PassSummary pass, Guid lotId, Guid passTypeId)
    {
        State.Holds.Remove(pass.PassId);
        State.HeldUsage.Remove(pass.PassId);
        if (PassStatuses.HoldsCapacity(pass.Status))
        {
            if (State.Active.Add(pass.PassId) && State.Usage.All(u => u.PassId != pass.PassId))
            {
                State.Usage.Add(new UnitUsage(pass.PassId, passTypeId, lotId, pass.Plate, pass.StartsAt, pass.EndsAt));
            }
        }
        else
        {
            State.Active.Remove(pass.PassId);
            var index = State.Usage.FindIndex(u => u.PassId == pass.PassId);
            if (pass.Status == PassStatuses.Cancelled && index >= 0 && pass.EndedAt is { } ended && ended < State.Usage[index].End)
            {
                // An early cancel gives the unused time back to the quota.
                State.Usage[index] = State.Usage[index] with { End = ended };
            }
        }

        var horizon = TimeProvider.GetUtcNow() - UsageKept;
        State.Usage.RemoveAll(u => u.End < horizon);
    }
}
