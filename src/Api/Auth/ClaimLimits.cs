namespace Vrps.Api.Auth;

/// <summary>Anonymous claims are rate-limited per client address (<c>Vrps:Claims</c>).</summary>
public sealed class ClaimLimits
{
    public const string Section = "Vrps:Claims";

    public int PermitsPerWindow { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
