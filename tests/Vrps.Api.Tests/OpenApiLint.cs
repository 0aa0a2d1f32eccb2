using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Vrps.Api.Tests;

/// <summary>Lints the served OpenAPI document: Microsoft.OpenApi's reader and rule set, then the rules our clients rely on.</summary>
internal static class OpenApiLint
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>What Microsoft.OpenApi (the version Swashbuckle writes with) finds reading the document back and validating it.</summary>
    public static IReadOnlyList<string> ReadBack(string document)
    {
        var result = OpenApiDocument.Parse(document, "json", new OpenApiReaderSettings());
        var errors = result.Diagnostic?.Errors.Select(static e => $"read: {e}").ToList() ?? [];
        if (result.Document is null)
        {
            errors.Add("read: no document");
            return errors;
        }

        errors.AddRange(result.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(static e => $"validate: {e}") ?? []);
        return errors;
    }

    /// <summary>Our own rules: names, problems, required properties that exist and are never null, explicit security, servers.</summary>
    public static IReadOnlyList<string> OwnRules(string document, IReadOnlySet<string> anonymousOperations)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        var failures = new List<string>();
        if (root["servers"] is not JsonArray { Count: > 0 } servers || servers.Any(static s => string.IsNullOrEmpty(s?["url"]?.GetValue<string>())))
        {
            failures.Add("servers: the document names no server URL");
        }

        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var name = $"{method.ToUpperInvariant()} {path}";
                var id = operation["operationId"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(id))
                {
                    failures.Add($"{name}: no operationId");
                }

                if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()))
                {
                    failures.Add($"{name}: no summary");
                }

                if (operation["tags"] is not JsonArray { Count: > 0 })
                {
                    failures.Add($"{name}: no tag");
                }

                var security = operation["security"] as JsonArray;
                if (anonymousOperations.Contains(id ?? ""))
                {
                    if (security is not { Count: 0 })
                    {
                        failures.Add($"{name}: callable without a key, but its security is not []");
                    }
                }
                else if (security is null || !security.Any(static r => r is JsonObject requirement && requirement.ContainsKey("Bearer")))
                {
                    failures.Add($"{name}: does not require the bearer scheme");
                }

                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    if (status[0] is '4' or '5' && !(response?["content"] is JsonObject { Count: 1 } content && content.ContainsKey(ProblemJson)))
                    {
                        failures.Add($"{name} {status}: an error must be {ProblemJson} only");
                    }
                }
            }
        }

        if (root["components"]?["schemas"]?["ProblemDetails"]?["required"] is not JsonArray problemRequired
            || !problemRequired.Any(static r => r?.GetValue<string>() == "code"))
        {
            failures.Add("schema ProblemDetails: the stable code clients branch on is not required");
        }

        foreach (var (schemaName, schema) in root["components"]?["schemas"]?.AsObject() ?? [])
        {
            var properties = schema?["properties"] as JsonObject;
            foreach (var required in (schema?["required"] as JsonArray ?? []).Select(static r => r!.GetValue<string>()))
            {
                if (properties is null || !properties.ContainsKey(required))
                {
                    failures.Add($"schema {schemaName}: required property {required} does not exist");
                }
                else if (properties[required]?["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
                {
                    failures.Add($"schema {schemaName}: required property {required} is nullable");
                }
            }
        }

        return failures;
    }
}
