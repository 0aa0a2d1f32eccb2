namespace Vrps.Interfaces.Properties;

public sealed record PropertyView(Guid Id, Guid CustomerId, string Name, string Timezone, DateTimeOffset CreatedAt);
