using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vrps.Api.Auth;
using Vrps.Interfaces.Lots;

namespace Vrps.Api.Public;

/// <summary>
/// A lot's public addresses: its landing page (by the slug that never changes, so a printed QR code stays right) and
/// its QR image. Absolute, from <c>Vrps:PublicBaseUrl</c> when set, else from the request's own base URL.
/// </summary>
public sealed class LotLinks(IOptions<ApiOptions> options)
{
    public const string LandingPath = "/l/";

    public LotView With(LotView lot, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(lot);
        var baseUrl = BaseUrl(request);
        return lot with { LandingUrl = $"{baseUrl}{LandingPath}{Uri.EscapeDataString(lot.Slug)}", QrImageUrl = $"{baseUrl}/api/lots/{lot.Id:D}/qr.svg" };
    }

    public string LandingUrl(LotView lot, HttpRequest request) => With(lot, request).LandingUrl!;

    private string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return options.Value.PublicBaseUrl is { } configured
            ? configured.ToString().TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
