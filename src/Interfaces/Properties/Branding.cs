namespace Vrps.Interfaces.Properties;

/// <summary>What the lot landing page and consumer materials show for a property.</summary>
[Immutable]
public sealed record Branding(string? LogoUrl, string? PrimaryColor, string? SecondaryColor);
