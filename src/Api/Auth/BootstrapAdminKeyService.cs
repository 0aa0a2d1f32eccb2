using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vrps.Interfaces;
using Vrps.Interfaces.ApiKeys;

namespace Vrps.Api.Auth;

/// <summary>
/// With no Vrps:BootstrapAdminKey configured, the first start creates a platform-admin key and prints it once; later
/// starts find it and print nothing (only its hash is stored).
/// </summary>
internal sealed partial class BootstrapAdminKeyService(IGrainFactory grains, IOptions<ApiOptions> options, ILogger<BootstrapAdminKeyService> logger)
    : IHostedService
{
    public static readonly Guid GeneratedKeyId = new("00000000-0000-0000-0000-00000000b008");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.BootstrapAdminKey))
        {
            return;
        }

        var key = grains.GetGrain<IApiKeyGrain>(GeneratedKeyId);
        if (await key.GetCredentialAsync().ConfigureAwait(false) is not null)
        {
            return;
        }

        var (token, hash) = ApiKeyToken.Create(GeneratedKeyId);
        await key.CreateAsync(new CreateApiKey(hash, "bootstrap admin", Roles.PlatformAdmin, null, null, null, null), Actor.System).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"""

            ==== VRPS platform admin API key (shown once; store it now) ====
            {token}
            Use it as: Authorization: Bearer {token}
            ================================================================

            """).ConfigureAwait(false);
        KeyCreated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Created the bootstrap platform-admin API key and printed it once to standard output")]
    private static partial void KeyCreated(ILogger logger);
}
