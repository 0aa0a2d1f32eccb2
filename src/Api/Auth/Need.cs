namespace Vrps.Api.Auth;

public enum Need
{
    /// <summary>See the resource.</summary>
    Read,

    /// <summary>Change the resource or its children (operators of the tenant, platform admins).</summary>
    Write,

    /// <summary>Platform admins only.</summary>
    Admin,
}
