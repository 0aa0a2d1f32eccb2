using Vrps.Interfaces.Properties;

namespace Vrps.Api.Requests;

/// <param name="Timezone">An IANA id such as "America/New_York".</param>
public sealed record CreatePropertyRequest(string? Name, string? Timezone, Branding? Branding);
