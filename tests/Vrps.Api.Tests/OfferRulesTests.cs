using Vrps.Grains.Rules;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Offers;

namespace Vrps.Api.Tests;

/// <summary>R8: how an offer fits its lot, the one rule both offer creation and every claim ask.</summary>
public sealed class OfferRulesTests
{
    [Theory]
    [InlineData(LotModes.Public, true)]
    [InlineData(LotModes.Both, true)]
    [InlineData(LotModes.Private, false)]
    public void OpenOfferAllowedAt_DependsOnTheLotBeingPublic(string mode, bool allowed) =>
        Assert.Equal(allowed, OfferRules.OpenOfferAllowedAt(OfferKinds.Open, mode));

    [Theory]
    [InlineData(OfferKinds.ClaimCode)]
    [InlineData(OfferKinds.Group)]
    [InlineData(OfferKinds.Direct)]
    public void OpenOfferAllowedAt_OtherKindsOnAPrivateLot_AreAllowed(string kind) =>
        Assert.True(OfferRules.OpenOfferAllowedAt(kind, LotModes.Private));

    [Fact]
    public void PassTypeBelongsToLot_OnlyItsOwnLot()
    {
        var lot = Guid.NewGuid();
        Assert.True(OfferRules.PassTypeBelongsToLot(lot, lot));
        Assert.False(OfferRules.PassTypeBelongsToLot(Guid.NewGuid(), lot));
    }
}
