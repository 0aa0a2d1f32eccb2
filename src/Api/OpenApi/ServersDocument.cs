using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Vrps.Api.Auth;

namespace Vrps.Api.OpenApi;

/// <summary>The document's <c>servers</c>: the configured public base URL, or the base URL the document was fetched from.</summary>
internal static class ServersDocument
{
    public static void Apply(OpenApiDocument document, HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.PublicBaseUrl;
        var url = configured?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        document.Servers = [new OpenApiServer { Url = url }];
    }
}
