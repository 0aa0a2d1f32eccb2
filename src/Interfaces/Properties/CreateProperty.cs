namespace Vrps.Interfaces.Properties;

/// <param name="Timezone">An IANA time zone id such as "America/New_York".</param>
[Immutable]
public sealed record CreateProperty(Guid PropertyId, string Name, string Timezone, Branding? Branding);
