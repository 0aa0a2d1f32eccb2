namespace Vrps.Interfaces.ApiKeys;

/// <summary>What authentication needs: the view and the stored hash to compare with.</summary>
[Immutable]
public sealed record ApiKeyCredential(ApiKeyView Key, string SecretHash);
