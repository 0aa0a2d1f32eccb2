using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vrps.Api.Tests;

/// <summary>A webhook receiver on loopback that records every request it gets.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<ReceivedRequest> received)
    {
        this.app = app;
        Received = received;
    }

    /// <summary>The URL to subscribe: http://127.0.0.1:&lt;port&gt;/hooks.</summary>
    public string Url => app.Urls.First() + "/hooks";

    public ConcurrentQueue<ReceivedRequest> Received { get; }

    /// <summary>Answers each attempt (numbered from 1) with the status <paramref name="statusOfAttempt"/> gives.</summary>
    public static Task<WebhookReceiver> StartAsync(Func<int, int> statusOfAttempt) =>
        StartAsync(attempt => Results.StatusCode(statusOfAttempt(attempt)));

    /// <summary>Answers each attempt (numbered from 1) with the result <paramref name="answer"/> gives.</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<int, IResult> answer)
    {
        var received = new ConcurrentQueue<ReceivedRequest>();
        var attempts = 0;
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = request.Headers.ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            received.Enqueue(new ReceivedRequest(headers, new HeaderDictionary(request.Headers.ToDictionary()), body, Stopwatch.GetTimestamp()));
            return answer(Interlocked.Increment(ref attempts));
        });
        await app.StartAsync();
        return new WebhookReceiver(app, received);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
