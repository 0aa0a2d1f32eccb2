namespace Vrps.Api.Auth;

/// <summary>An /api endpoint callable without an API key (its own token or code is the authorization).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AllowAnonymousKeyAttribute : Attribute;
