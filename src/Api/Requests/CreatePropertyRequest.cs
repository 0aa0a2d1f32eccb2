using Vrps.Interfaces.Properties;

namespace Vrps.Api.Requests;

/// <param name="Timezone">An IANA id such as "America/New_York".</param>
public sealed record CreatePropertyRequest([RequiredField] string? Name, [RequiredField] string? Timezone, Branding? Branding);
