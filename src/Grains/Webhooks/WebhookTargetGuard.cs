using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Vrps.Interfaces;
using Vrps.Interfaces.Webhooks;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// Applies <see cref="WebhookTargetRules"/> where a name meets an address: once when a webhook is created, for a
/// clear refusal, and on every connection a delivery opens, which is the check that counts. Connecting checks the
/// addresses it resolved and connects to exactly those, so a name cannot answer one lookup with a public address and
/// the next with ours (DNS rebinding). Off when <see cref="WebhookOptions.AllowPrivateTargets"/> is on.
/// </summary>
public sealed class WebhookTargetGuard(IOptionsMonitor<WebhookOptions> options, TimeProvider time)
{
    /// <summary>
    /// Refuses, with 422 <see cref="WebhookProblemCodes.UrlNotAllowed"/>, a URL whose host is or resolves to an address
    /// webhooks may not reach. A name that does not resolve (yet) is accepted: delivery checks again anyway.
    /// </summary>
    public async Task EnsureAllowedAsync(Uri url)
    {
        var settings = options.CurrentValue;
        if (settings.AllowPrivateTargets)
        {
            return;
        }

        var host = url.IdnHost;
        IReadOnlyList<IPAddress> addresses = [];
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else if (!WebhookTargetRules.IsLocalName(host))
        {
            using var lookup = new CancellationTokenSource(settings.RequestTimeout, time);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, lookup.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                return;
            }
        }

        if (WebhookTargetRules.Refusal(host, addresses) is { } refusal)
        {
            throw new DomainException(
                WebhookProblemCodes.UrlNotAllowed, refusal, DomainErrorKind.Refused, new Dictionary<string, string[]> { ["url"] = [refusal] });
        }
    }

    /// <summary>
    /// The webhook HttpClient's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses the
    /// connection if any address is not allowed, and connects to the addresses it checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{endpoint.Host} resolves to no address.");
        }

        if (!options.CurrentValue.AllowPrivateTargets && WebhookTargetRules.Refusal(endpoint.Host, addresses) is { } refusal)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Not connected: {refusal}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
