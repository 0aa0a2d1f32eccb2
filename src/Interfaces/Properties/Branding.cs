namespace Vrps.Interfaces.Properties;

/// <summary>What the lot landing page and consumer materials show for a property.</summary>
public sealed record Branding(string? LogoUrl, string? PrimaryColor, string? SecondaryColor);
