using Vrps.Api.Idempotency;

namespace Vrps.Api.Tests;

public sealed class IdempotencyTakeoverTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] DeadSilo = ["S127.0.0.1:11111:1"];

    private static IdempotencyRecord Running(TimeSpan age, string? owner) => new(new byte[] { 1 }, Now - age, null, owner);

    [Fact]
    public void InProgress_OnALiveSilo_IsKeptUntilItAgesOut()
    {
        Assert.False(IdempotencyTakeover.IsReclaimable(Running(TimeSpan.FromSeconds(5), "S127.0.0.1:11112:1"), Now, DeadSilo));
        Assert.True(IdempotencyTakeover.IsReclaimable(Running(IdempotencyStore.AbandonedAfter + TimeSpan.FromSeconds(1), "S127.0.0.1:11112:1"), Now, DeadSilo));
    }

    [Fact]
    public void InProgress_OnASiloDeclaredDead_IsTakenOverAtOnce()
    {
        Assert.True(IdempotencyTakeover.IsReclaimable(Running(TimeSpan.FromSeconds(1), DeadSilo[0]), Now, DeadSilo));
        Assert.False(IdempotencyTakeover.IsReclaimable(Running(TimeSpan.FromSeconds(1), null), Now, DeadSilo));
    }

    [Fact]
    public void Completed_OnASiloDeclaredDead_KeepsItsResponse()
    {
        var completed = Running(TimeSpan.FromSeconds(1), DeadSilo[0]) with { Response = new StoredResponse(201, "application/json", null, new byte[] { 2 }) };
        Assert.False(IdempotencyTakeover.IsReclaimable(completed, Now, DeadSilo));
        Assert.True(IdempotencyTakeover.IsReclaimable(completed with { CreatedAt = Now - IdempotencyStore.Retention - TimeSpan.FromSeconds(1) }, Now, DeadSilo));
    }
}
