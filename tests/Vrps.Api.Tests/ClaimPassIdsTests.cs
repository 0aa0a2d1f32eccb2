using Vrps.Grains.Claims;
using Vrps.Interfaces.Consumers;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: a keyed claim's pass id names one request — the same key on another request names another pass.</summary>
public sealed class ClaimPassIdsTests
{
    private static readonly Guid Offer = new("11111111-1111-1111-1111-111111111111");
    private static readonly ConsumerIdentity Alice = new("phone", "+15550100001", Verified: false, Preferred: true);
    private static readonly ConsumerIdentity Bob = new("phone", "+15550100002", Verified: false, Preferred: true);

    [Fact]
    public void For_SameRequest_SameId() =>
        Assert.Equal(ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice), ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice));

    [Fact]
    public void For_OtherConsumerSameKey_OtherId() =>
        Assert.NotEqual(ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice), ClaimPassIds.For(Offer, null, "k", "AB123", null, Bob));

    [Fact]
    public void For_OtherPlateSameKey_OtherId() =>
        Assert.NotEqual(ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice), ClaimPassIds.For(Offer, null, "k", "AB124", null, Alice));

    [Fact]
    public void For_OtherIssuerSameKey_OtherId() =>
        Assert.NotEqual(ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice), ClaimPassIds.For(Offer, Guid.NewGuid(), "k", "AB123", null, Alice));

    [Fact]
    public void For_OtherOfferSameKey_OtherId() =>
        Assert.NotEqual(ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice), ClaimPassIds.For(Guid.NewGuid(), null, "k", "AB123", null, Alice));

    [Fact]
    public void For_ConsumerIdInsteadOfIdentity_OtherId() =>
        Assert.NotEqual(ClaimPassIds.For(Offer, null, "k", "AB123", null, Alice), ClaimPassIds.For(Offer, null, "k", "AB123", Guid.NewGuid(), null));

    [Fact]
    public void For_KeyAndHolderSplitDifferently_OtherId()
    {
        // "phone:+1|1:x" as the holder with key "y" must not collide with a holder "phone:+1" and a key ending in it.
        var split = new ConsumerIdentity("phone", "+1|1:x", Verified: false, Preferred: true);
        var plain = new ConsumerIdentity("phone", "+1", Verified: false, Preferred: true);

        Assert.NotEqual(ClaimPassIds.For(Offer, null, "y", "AB123", null, split), ClaimPassIds.For(Offer, null, "x|1:y", "AB123", null, plain));
    }

    [Fact]
    public void For_NoConsumer_Throws() =>
        Assert.Throws<ArgumentException>(() => ClaimPassIds.For(Offer, null, "k", "AB123", null, null));
}
