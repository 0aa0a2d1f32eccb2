using Vrps.Grains.Rules;
using Vrps.Interfaces.Offers;

namespace Vrps.Api.Tests;

/// <summary>What a landing page tells a visitor about an offer before the claim: claimable now, and places left.</summary>
public sealed class OfferAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PlacesLeft_CountsClaimedAndPendingAgainstCapacity() =>
        Assert.Equal(3, OfferAvailability.PlacesLeft(Offer(capacity: 10, claimed: 5, pending: 2)));

    [Fact]
    public void PlacesLeft_NoCap_IsNullAndNeverZero()
    {
        Assert.Null(OfferAvailability.PlacesLeft(Offer(capacity: null, claimed: 500)));
        Assert.True(OfferAvailability.ClaimableAt(Offer(capacity: null, claimed: 500), Now));
    }

    [Fact]
    public void PlacesLeft_MorePendingThanRoom_NeverBelowZero() =>
        Assert.Equal(0, OfferAvailability.PlacesLeft(Offer(capacity: 2, claimed: 2, pending: 3)));

    [Fact]
    public void ClaimableAt_FullOffer_IsFalse() => Assert.False(OfferAvailability.ClaimableAt(Offer(capacity: 2, claimed: 2), Now));

    [Theory]
    [InlineData(OfferStatuses.Revoked)]
    [InlineData(OfferStatuses.Expired)]
    [InlineData(OfferStatuses.Exhausted)]
    public void ClaimableAt_NotActive_IsFalse(string status) => Assert.False(OfferAvailability.ClaimableAt(Offer(status: status), Now));

    [Fact]
    public void ClaimableAt_WindowEndIsExclusiveAndStartInclusive()
    {
        Assert.True(OfferAvailability.ClaimableAt(Offer(starts: Now, ends: Now.AddHours(1)), Now));
        Assert.False(OfferAvailability.ClaimableAt(Offer(starts: Now.AddHours(-1), ends: Now), Now));
        Assert.False(OfferAvailability.ClaimableAt(Offer(starts: Now.AddMinutes(1)), Now));
    }

    [Fact]
    public void ClaimableAt_AtItsExpiry_IsFalse() => Assert.False(OfferAvailability.ClaimableAt(Offer(expires: Now), Now));

    [Fact]
    public void BlockAt_AnExhaustedOfferIsStillActive_SoItsClaimsAreRefusedAsFullNotAsInactive() =>
        Assert.Equal(OfferBlock.None, OfferAvailability.BlockAt(OfferStatuses.Exhausted, null, null, null, Now));

    [Fact]
    public void BlockAt_ExpiryComesBeforeTheWindow()
    {
        Assert.Equal(OfferBlock.NotActive, OfferAvailability.BlockAt(OfferStatuses.Active, Now, Now.AddHours(1), null, Now));
        Assert.Equal(OfferBlock.NotActive, OfferAvailability.BlockAt(OfferStatuses.Revoked, null, Now.AddHours(1), null, Now));
        Assert.Equal(OfferBlock.OutsideWindow, OfferAvailability.BlockAt(OfferStatuses.Active, Now.AddDays(1), Now.AddHours(1), null, Now));
        Assert.Equal(OfferBlock.OutsideWindow, OfferAvailability.BlockAt(OfferStatuses.Active, null, null, Now, Now));
    }

    private static OfferView Offer(
        int? capacity = 10, int claimed = 0, int pending = 0, string status = OfferStatuses.Active,
        DateTimeOffset? starts = null, DateTimeOffset? ends = null, DateTimeOffset? expires = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, OfferKinds.Open, status,
            capacity, claimed, pending, starts, ends, expires, null, null, Now.AddDays(-1));
}
