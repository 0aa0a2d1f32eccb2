using Vrps.Interfaces.Properties;

namespace Vrps.Grains.Rules;

/// <summary>The changeable settings of a property, validated as a whole by <see cref="PropertyRules.Patch"/>.</summary>
public sealed record PropertySettings(string Name, string Timezone, Branding Branding);
