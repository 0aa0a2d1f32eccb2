using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Vrps.Testing.Api;

public static class Http
{
    /// <summary>Sends JSON and asserts a 2xx answer; returns the body (or an empty object for 204).</summary>
    public static async Task<JsonElement> SendOkAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(text).RootElement;
    }

    public static Task<JsonElement> PostOkAsync(this HttpClient client, string url, object body) => client.SendOkAsync(HttpMethod.Post, url, body);

    public static Task<JsonElement> PutOkAsync(this HttpClient client, string url, object? body = null) => client.SendOkAsync(HttpMethod.Put, url, body);

    public static Task<JsonElement> GetOkAsync(this HttpClient client, string url) => client.SendOkAsync(HttpMethod.Get, url);

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();
}
