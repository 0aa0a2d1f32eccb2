namespace Vrps.Api.Auth;

public sealed class ApiOptions
{
    public const string Section = "Vrps";

    /// <summary>When set, this exact value is a platform-admin key (env <c>Vrps__BootstrapAdminKey</c>).</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>
    /// The base URL clients reach the API at (env <c>Vrps__PublicBaseUrl</c>), for the OpenAPI document's
    /// <c>servers</c> behind a proxy; unset, the document names the base URL of the request that fetched it.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
