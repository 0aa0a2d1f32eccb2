using Vrps.Grains.Common;

namespace Vrps.Api.Tests;

/// <summary>
/// A holder's places lapse by one durable reminder: armed by the first hold, due no later than any hold placed after
/// it, and arming the next lapse when it fires. A hold placed while one is armed stages no deadline write.
/// </summary>
public sealed class HoldsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Place_NothingArmed_ArmsThisHoldsLapse()
    {
        var holds = new Dictionary<Guid, DateTimeOffset>();
        var pass = Guid.NewGuid();

        Assert.Equal(Now + Holds.Ttl, Holds.Place(holds, pass, Now, armedAt: null));
        Assert.Equal(Now + Holds.Ttl, holds[pass]);
    }

    [Fact]
    public void Place_ReminderArmedForAnEarlierHold_ArmsNothing_AndTheArmedOneIsDueFirst()
    {
        var holds = new Dictionary<Guid, DateTimeOffset>();
        var armed = Holds.Place(holds, Guid.NewGuid(), Now, armedAt: null);
        holds.Clear(); // the first hold was confirmed; its reminder stays armed

        var later = Guid.NewGuid();
        Assert.Null(Holds.Place(holds, later, Now.AddSeconds(5), armed));
        Assert.True(armed <= holds[later]);
    }

    [Fact]
    public void NextLapse_IsTheEarliestHoldsLapse_OrNoneWithoutHolds()
    {
        var holds = new Dictionary<Guid, DateTimeOffset>();
        Assert.Null(Holds.NextLapse(holds));

        Holds.Place(holds, Guid.NewGuid(), Now.AddSeconds(3), armedAt: null);
        Holds.Place(holds, Guid.NewGuid(), Now, armedAt: Now);

        Assert.Equal(Now + Holds.Ttl, Holds.NextLapse(holds));
    }
}
