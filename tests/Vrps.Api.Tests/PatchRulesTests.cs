using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Units;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: the pure patch rules answer validated new settings, or refuse the whole patch.</summary>
public sealed class PatchRulesTests
{
    private static readonly LotSettings Lot = new("North", 10, LotModes.Private, 0);

    [Fact]
    public void LotRulesPatch_AllFieldsValid_ReturnsTheNewSettings()
    {
        Assert.Equal(new LotSettings("South", 20, LotModes.Public, 15), LotRules.Patch(Lot, new UpdateLot("South", 20, LotModes.Public, 15)));
    }

    [Fact]
    public void LotRulesPatch_FieldsAbsent_KeepsTheCurrentValues()
    {
        Assert.Equal(Lot, LotRules.Patch(Lot, new UpdateLot(null, null, null, null)));
    }

    [Fact]
    public void LotRulesPatch_OneFieldInvalid_RefusesNamingIt()
    {
        var refused = Assert.Throws<DomainException>(() => LotRules.Patch(Lot, new UpdateLot("Renamed", -5, null, null)));

        Assert.True(refused.Errors!.ContainsKey("capacity"));
    }

    [Fact]
    public void PropertyRulesPatch_BadTimezone_RefusesNamingIt()
    {
        var current = new PropertySettings("Tower", "Europe/Paris", new Branding(null, null, null));

        var refused = Assert.Throws<DomainException>(() => PropertyRules.Patch(current, new UpdateProperty("Renamed", "Mars/Olympus", null)));

        Assert.True(refused.Errors!.ContainsKey("timezone"));
    }

    [Fact]
    public void UnitRulesPatch_NegativeMaximum_RefusesNamingIt()
    {
        var refused = Assert.Throws<DomainException>(() => UnitRules.Patch(new UnitSettings("4B", 3), new UpdateUnit("Renamed", -1)));

        Assert.True(refused.Errors!.ContainsKey("maxConcurrentPasses"));
    }

    [Fact]
    public void CustomerRulesPatch_UnknownStatus_RefusesNamingIt()
    {
        var refused = Assert.Throws<DomainException>(() => CustomerRules.Patch(new CustomerSettings("Acme", "active"), new UpdateCustomer("Renamed", "dormant")));

        Assert.True(refused.Errors!.ContainsKey("status"));
    }
}
