using System.Collections.Concurrent;

namespace Vrps.Api.Tests;

/// <summary>
/// An HttpClient handler that checks every answer against the OpenAPI document as it passes, so any test can run its
/// requests as usual and then assert that nothing it saw broke the contract.
/// </summary>
internal sealed class ContractValidatingHandler(OpenApiResponseValidator validator) : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentQueue<ContractViolation> violations = new();
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ContractViolation> Violations => violations;

    /// <summary>The operation templates and statuses answered so far ("POST /api/claims 201"), to show the run was broad.</summary>
    public IReadOnlyCollection<string> Seen => [.. seen.Keys];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var method = request.Method.Method;
        var path = request.RequestUri!.AbsolutePath;
        var status = (int)response.StatusCode;
        seen.TryAdd($"{method} {path} {status}", 0);
        foreach (var violation in validator.Validate(method, path, request.Headers.Authorization is not null, status, response.Content.Headers.ContentType?.MediaType, body))
        {
            violations.Enqueue(violation);
        }

        return response;
    }
}
