namespace Vrps.Interfaces.Properties;

[Immutable]
public sealed record PropertyView(Guid Id, Guid CustomerId, string Name, string Timezone, Branding Branding, DateTimeOffset CreatedAt);
