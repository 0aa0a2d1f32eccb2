using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vrps.Api.Tests;

/// <summary>Request bodies read from the live OpenAPI document: each operation's JSON body schema, and a body naming its required fields.</summary>
internal static partial class RequestBodies
{
    /// <summary>Every operation with a JSON request body: method, document path, operationId, and its resolved schema.</summary>
    public static IEnumerable<(string Method, string Path, string OperationId, JsonObject Schema)> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema)
                {
                    yield return (method.ToUpperInvariant(), path, operation["operationId"]!.GetValue<string>(), Resolve(document, schema));
                }
            }
        }
    }

    /// <summary>The operation's body schema for a route pattern of the live route table ("/api/lots/{id:guid}/offers/"), or null.</summary>
    public static JsonObject? For(JsonNode document, string method, string routePattern)
    {
        var path = Constraint().Replace(routePattern, "{${name}}").TrimEnd('/');
        return Operations(document).Where(o => o.Method == method && o.Path.TrimEnd('/') == path).Select(static o => o.Schema).FirstOrDefault();
    }

    public static IReadOnlyList<string> Required(JsonObject schema) =>
        [.. (schema["required"] as JsonArray ?? []).Select(static r => r!.GetValue<string>())];

    /// <summary>A body with a placeholder of the declared type for each required field (nested required records too).</summary>
    public static JsonObject WithRequired(JsonNode document, JsonObject schema, int depth = 0)
    {
        var body = new JsonObject();
        foreach (var name in Required(schema))
        {
            body[name] = Placeholder(document, Resolve(document, schema["properties"]![name]!.AsObject()), depth);
        }

        return body;
    }

    private static JsonNode Placeholder(JsonNode document, JsonObject property, int depth)
    {
        if (property["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]!.DeepClone();
        }

        var type = property["type"] switch
        {
            JsonArray types => types.Select(static t => t!.GetValue<string>()).First(static t => t != "null"),
            JsonValue single => single.GetValue<string>(),
            _ => "object",
        };
        return (type, property["format"]?.GetValue<string>()) switch
        {
            ("string", "uuid") => Guid.NewGuid().ToString(),
            ("string", "date-time") => DateTimeOffset.UtcNow.AddDays(3).ToString("O"),
            ("string", "date") => "2030-01-01",
            ("string", _) => "x",
            ("integer", _) or ("number", _) => 1,
            ("boolean", _) => true,
            ("array", _) => new JsonArray(),
            _ when depth < 4 && property["properties"] is JsonObject => WithRequired(document, property, depth + 1),
            _ => new JsonObject(),
        };
    }

    private static JsonObject Resolve(JsonNode document, JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject()
            : schema["allOf"] is JsonArray { Count: 1 } all ? Resolve(document, all[0]!.AsObject()) : schema;

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
