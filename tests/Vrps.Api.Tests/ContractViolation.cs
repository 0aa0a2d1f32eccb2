namespace Vrps.Api.Tests;

/// <summary>One place where an answer of the API disagrees with its OpenAPI document.</summary>
internal sealed record ContractViolation(string Method, string Route, int Status, string JsonPath, string Message)
{
    public override string ToString() => $"{Method} {Route} {Status} at {JsonPath}: {Message}";
}
