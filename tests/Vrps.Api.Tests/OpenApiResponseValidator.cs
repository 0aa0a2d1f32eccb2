using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Vrps.Api.Tests;

/// <summary>
/// Checks an answer against the operation the OpenAPI document declares for its method and path: the status code
/// must be declared, the media type too, the body must match the declared schema (JSON Schema, via JsonSchema.Net —
/// not the code that wrote the document), and a request sent without a key must be to an operation that needs none.
/// </summary>
internal sealed class OpenApiResponseValidator
{
    private const string ComponentsPrefix = "#/components/schemas/";

    /// <summary>Formats JSON Schema defines; OpenAPI's own (int32, double, …) only describe the number's size.</summary>
    private static readonly HashSet<string> CheckedFormats = ["uuid", "date-time", "date", "email", "uri"];

    private readonly IReadOnlyList<Operation> operations;
    private readonly JsonObject definitions;
    private readonly bool globalSecurity;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);
    private readonly EvaluationOptions evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private OpenApiResponseValidator(IReadOnlyList<Operation> operations, JsonObject definitions, bool globalSecurity)
    {
        this.operations = operations;
        this.definitions = definitions;
        this.globalSecurity = globalSecurity;
    }

    public static OpenApiResponseValidator Parse(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        var operations = new List<Operation>();
        foreach (var (template, item) in root["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "/?$", RegexOptions.CultureInvariant);
            var literals = template.Split('/').Count(static s => !s.StartsWith('{'));
            foreach (var (method, operation) in item!.AsObject())
            {
                operations.Add(new Operation(method.ToUpperInvariant(), template, pattern, literals, operation!.AsObject()));
            }
        }

        var definitions = ToSchemaMap(root["components"]?["schemas"]?.AsObject() ?? []);
        return new OpenApiResponseValidator(
            [.. operations.OrderByDescending(static o => o.Literals)], definitions, root["security"] is JsonArray { Count: > 0 });
    }

    public IReadOnlyList<ContractViolation> Validate(string method, string path, bool sentKey, int status, string? mediaType, string body)
    {
        var operation = operations.FirstOrDefault(o => o.Method == method && o.Pattern.IsMatch(path));
        if (operation is null)
        {
            return [new ContractViolation(method, path, status, "$", "no operation in the document matches this method and path")];
        }

        var violations = new List<ContractViolation>();
        var route = operation.Template;
        var security = operation.Node["security"] is JsonArray requirements ? requirements.Count > 0 : globalSecurity;
        if (!sentKey && security && status < 400)
        {
            violations.Add(new ContractViolation(method, route, status, "$", "answered without an API key, but the document requires the bearer scheme"));
        }

        var responses = operation.Node["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        if (response is null)
        {
            violations.Add(new ContractViolation(method, route, status, "$", $"status {status} is not declared (declared: {string.Join(", ", responses.Select(static r => r.Key))})"));
            return violations;
        }

        var content = response["content"] as JsonObject;
        if (content is null || content.Count == 0)
        {
            if (body.Length > 0)
            {
                violations.Add(new ContractViolation(method, route, status, "$", $"a {mediaType} body was sent where the document declares none"));
            }

            return violations;
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            violations.Add(new ContractViolation(method, route, status, "$", $"media type {mediaType ?? "(none)"} is not declared (declared: {string.Join(", ", content.Select(static c => c.Key))})"));
            return violations;
        }

        if (media["schema"] is not JsonObject declared)
        {
            return violations;
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            violations.Add(new ContractViolation(method, route, status, "$", $"the body is not JSON: {e.Message}"));
            return violations;
        }

        var result = SchemaFor(declared).Evaluate(instance, evaluation);
        if (!result.IsValid)
        {
            var details = (result.Details ?? []).Where(static d => d.Errors is { Count: > 0 }).ToList();
            violations.AddRange(details.Count == 0
                ? [new ContractViolation(method, route, status, "$", "the body does not match the declared schema")]
                : details.SelectMany(d => d.Errors!.Select(e => new ContractViolation(
                    method, route, status, "$" + d.InstanceLocation.ToString().Replace('/', '.'), $"{e.Key}: {e.Value} (schema {d.EvaluationPath})"))));
        }

        return violations;
    }

    private JsonSchema SchemaFor(JsonObject declared)
    {
        var key = declared.ToJsonString();
        return schemas.GetOrAdd(key, _ =>
        {
            var root = ToJsonSchema(declared.DeepClone()).AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = definitions.DeepClone();
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            return JsonSchema.Build(JsonDocument.Parse(root.ToJsonString()).RootElement, options, new Uri($"https://contract.vrps.test/{Guid.NewGuid():N}"));
        });
    }

    /// <summary>OpenAPI 3.0 schema objects as JSON Schema 2020-12: <c>nullable</c> as a null type, refs into <c>$defs</c>.</summary>
    private static JsonNode ToJsonSchema(JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        var nullable = node["nullable"] is JsonValue flag && flag.GetValue<bool>();
        var converted = new JsonObject();
        foreach (var (name, value) in node)
        {
            switch (name)
            {
                case "nullable" or "example" or "examples" or "discriminator" or "xml" or "externalDocs":
                    break;
                case "$ref" when value!.GetValue<string>() is var reference && reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal):
                    converted[name] = "#/$defs/" + reference[ComponentsPrefix.Length..];
                    break;
                case "format" when !CheckedFormats.Contains(value!.GetValue<string>()):
                    break;
                case "properties" or "patternProperties":
                    converted[name] = ToSchemaMap(value!.AsObject());
                    break;
                case "items" or "additionalProperties" or "not" when value is JsonObject:
                    converted[name] = ToJsonSchema(value);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    converted[name] = new JsonArray([.. value!.AsArray().Select(static s => ToJsonSchema(s!.DeepClone()))]);
                    break;
                default:
                    converted[name] = value?.DeepClone();
                    break;
            }
        }

        if (!nullable)
        {
            return converted;
        }

        if (converted["type"] is JsonValue type)
        {
            converted["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (converted["enum"] is JsonArray values)
            {
                values.Add(null);
            }

            return converted;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(converted, new JsonObject { ["type"] = "null" }) };
    }

    private static JsonObject ToSchemaMap(JsonObject map) =>
        new(map.Select(static p => KeyValuePair.Create(p.Key, (JsonNode?)ToJsonSchema(p.Value!.DeepClone()))));

    private sealed record Operation(string Method, string Template, Regex Pattern, int Literals, JsonObject Node);
}
