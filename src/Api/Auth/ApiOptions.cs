namespace Vrps.Api.Auth;

public sealed class ApiOptions
{
    public const string Section = "Vrps";

    /// <summary>When set, this exact value is a platform-admin key (env <c>Vrps__BootstrapAdminKey</c>).</summary>
    public string? BootstrapAdminKey { get; set; }
}
