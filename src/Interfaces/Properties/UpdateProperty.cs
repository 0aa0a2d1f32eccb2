namespace Vrps.Interfaces.Properties;

[Immutable]
public sealed record UpdateProperty(string? Name, string? Timezone, Branding? Branding);
