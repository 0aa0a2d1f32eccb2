
namespace Vrps.Interfaces.ApiKeys;

public interface IApiKeyGrain : IGrainWithGuidKey
{
    Task<ApiKeyView> CreateAsync(CreateApiKey command, Actor actor);

    /// <summary>Null when no such key exists: authentication answers 401 for it, never an error.</summary>
    [ReadOnly]
    Task<ApiKeyCredential?> GetCredentialAsync();

    Task<ApiKeyView> RevokeAsync(Actor actor);
}
