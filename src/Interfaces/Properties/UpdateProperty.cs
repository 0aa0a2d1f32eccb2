namespace Vrps.Interfaces.Properties;

public sealed record UpdateProperty(string? Name, string? Timezone, Branding? Branding);
