namespace Vrps.Api.Auth;

/// <summary>Anonymous claims are rate-limited per client address (<c>Vrps:Claims</c>).</summary>
public sealed class ClaimLimits
{
    public const string Section = "Vrps:Claims";

    public int PermitsPerWindow { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks) whose <c>X-Forwarded-For</c> names the client; empty: the direct
    /// peer is the client and the header is ignored.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];
}
