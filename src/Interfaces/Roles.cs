namespace Vrps.Interfaces;

/// <summary>The roles an API key can carry (P3).</summary>
public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string Operator = "operator";
    public const string Manager = "manager";
    public const string Enforcement = "enforcement";
    public const string Consumer = "consumer";

    public static IReadOnlyList<string> All { get; } = [PlatformAdmin, Operator, Manager, Enforcement, Consumer];
}
