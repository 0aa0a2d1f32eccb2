using Vrps.Interfaces.Properties;

namespace Vrps.Grains.Rules;

/// <summary>Property rules (R2): what a change may set.</summary>
public static class PropertyRules
{
    /// <summary>The settings after <paramref name="patch"/>, every present field checked first, so a bad field changes nothing (issue 9).</summary>
    public static PropertySettings Patch(PropertySettings current, UpdateProperty patch) => new(
        patch.Name is null ? current.Name : Names.Require(patch.Name),
        patch.Timezone is null ? current.Timezone : TimeZones.RequireIana(patch.Timezone),
        patch.Branding is null ? current.Branding : BrandingRules.Validate(patch.Branding));
}
