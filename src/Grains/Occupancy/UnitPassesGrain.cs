using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.Units;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Occupancy;

/// <summary>A unit's concurrent active passes (R6, R11) and its per-pass-type quotas over rolling windows.</summary>
/// <remarks>A hot grain: reentrant, deciding synchronously and saving through <see cref="CoalescedWrites"/>.</remarks>
[GrainType("unit_passes")]
[Reentrant]
[ImplicitStreamSubscription(PassLifecycle.UnitNamespace)]
public sealed class UnitPassesGrain : VrpsGrain, IUnitPassesGrain, IDeadlineReceiver, IStreamSubscriptionObserver
{
    private static readonly TimeSpan UsageKept = TimeSpan.FromDays(400);

    private readonly IPersistentState<UnitPassesState> state;
    private readonly CoalescedWrites writes;

    public UnitPassesGrain([PersistentState("unit_passes")] IPersistentState<UnitPassesState> state)
    {
        this.state = state;
        writes = new CoalescedWrites(state.WriteStateAsync, DeactivateOnIdle);
    }

    private UnitPassesState State => state.State;

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        ResumeEventsAsync(handleFactory, () => State.LastPassSequence, OnEventAsync);

    public async Task ReserveAsync(UnitReservation reservation)
    {
        if (State.Active.Contains(reservation.PassId) || State.Holds.ContainsKey(reservation.PassId))
        {
            return;
        }

        var unit = await GrainFactory.GetGrain<IUnitGrain>(this.GetPrimaryKey()).GetAsync();
        if (State.Active.Count + State.Holds.Count >= unit.MaxConcurrentPasses)
        {
            throw new DomainException("unit_limit_reached", $"The unit already has its maximum of {unit.MaxConcurrentPasses} active passes.", DomainErrorKind.Conflict);
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
                throw new DomainException("quota_exceeded", $"The unit's quota of {quota.Amount} {quota.Kind} per {quota.WindowDays} days would be exceeded.", DomainErrorKind.Conflict);
            }
        }

        if (Holds.Place(State.Holds, reservation.PassId, TimeProvider.GetUtcNow(), Holds.NextLapse(State.Holds)) is { } lapse)
        {
            SetReminder(Holds.Reminder, lapse);
        }

        State.HeldUsage[reservation.PassId] = usage;
        await writes.SaveAsync();
    }

    public async Task CancelReservationAsync(Guid passId)
    {
        if (State.Holds.Remove(passId) | State.HeldUsage.Remove(passId))
        {
            await writes.SaveAsync();
        }
    }

    public async Task<OccupancyView> GetAsync()
    {
        var unit = await GrainFactory.GetGrain<IUnitGrain>(this.GetPrimaryKey()).GetAsync();
        await writes.DurableAsync();
        return new OccupancyView(unit.Id, unit.MaxConcurrentPasses, State.Active.Count, State.Holds.Count);
    }

    public Task ConfirmAsync(PassLifecycle issued)
    {
        if (!State.Holds.ContainsKey(issued.Pass.PassId))
        {
            return Task.CompletedTask;
        }

        Apply(issued.Pass, issued.LotId, issued.PassTypeId);
        return writes.SaveAsync();
    }

    private Task OnEventAsync(StreamEvent streamEvent)
    {
        var change = streamEvent.As<PassLifecycle>();
        State.LastPassSequence = streamEvent.Sequence;
        Apply(change.Pass, change.LotId, change.PassTypeId);
        return writes.SaveAsync();
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName != Holds.Reminder)
        {
            return;
        }

        foreach (var issued in await Holds.SettleLapsedAsync(State.Holds, TimeProvider.GetUtcNow(), GrainFactory))
        {
            Apply(new PassSummary(issued.Id, issued.Plate, issued.Status, issued.StartsAt, issued.EndsAt, issued.EndedAt, issued.UnitId), issued.LotId, issued.PassTypeId);
        }

        foreach (var passId in State.HeldUsage.Keys.Where(id => !State.Holds.ContainsKey(id)).ToList())
        {
            State.HeldUsage.Remove(passId);
        }

        if (Holds.NextLapse(State.Holds) is { } next)
        {
            SetReminder(Holds.Reminder, next);
        }

        await writes.SaveAsync();
    }

    private void Apply(PassSummary pass, Guid lotId, Guid passTypeId)
    {
        // A pass whose hold is settled here was issued: its time counts against the quota even when it has ended by
        // now (its confirmation came after a change that ended it).
        var wasHeld = State.Holds.Remove(pass.PassId);
        State.HeldUsage.Remove(pass.PassId);
        var holds = PassStatuses.HoldsCapacity(pass.Status);
        if ((holds ? State.Active.Add(pass.PassId) : wasHeld) && State.Usage.All(u => u.PassId != pass.PassId))
        {
            State.Usage.Add(new UnitUsage(pass.PassId, passTypeId, lotId, pass.Plate, pass.StartsAt, pass.EndsAt));
        }

        if (!holds)
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
