using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vrps.Api.Endpoints;

/// <summary>
/// The pages people use, served by the silo itself from files embedded in this assembly: plain HTML, CSS and JavaScript
/// that call the same public API as any client, so no build step, no CDN and no request leaves for another origin at
/// run time (a property's own logo URL aside). Each page route answers its HTML shell; the page reads its slug, token
/// or id from the path. Pages are not API operations, so they stay out of the OpenAPI document.
/// </summary>
public static class PageEndpoints
{
    private const string ResourcePrefix = "pages/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, byte[]> Files = LoadFiles();

    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Page("index.html")).ExcludeFromDescription();
        routes.MapGet("/l/{slug}", (string slug) => Page("lot.html")).ExcludeFromDescription();
        routes.MapGet("/g/{shareToken}", (string shareToken) => Page("group.html")).ExcludeFromDescription();
        routes.MapGet("/p/{id:guid}", (Guid id) => Page("pass.html")).ExcludeFromDescription();
        routes.MapGet("/lots/{id:guid}/print", (Guid id) => Page("print.html")).ExcludeFromDescription();
        // Staff pages: the shell is public, the data behind it needs the key the person types in (kept in sessionStorage).
        routes.MapGet("/patrol", () => Page("patrol.html")).ExcludeFromDescription();
        routes.MapGet("/manager", () => Page("manager.html")).ExcludeFromDescription();
        routes.MapGet("/console", () => Page("console.html")).ExcludeFromDescription();
        routes.MapGet("/assets/{file}", static (string file) => Page(file)).ExcludeFromDescription();
        return routes;
    }

    private static IResult Page(string file) =>
        Files.TryGetValue(file, out var bytes) && ContentTypes.TryGetValue(Path.GetExtension(file), out var type)
            ? new PageResult(bytes, type)
            : Results.NotFound();

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(PageEndpoints).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(static n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A page's bytes with headers that keep it to its own origin: no framing, no inline or foreign scripts.</summary>
    private sealed class PageResult(byte[] bytes, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache";
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = bytes.Length;
            return httpContext.Response.Body.WriteAsync(bytes).AsTask();
        }
    }
}
