using System.Text.Json;
using Vrps.Interfaces;

namespace Vrps.Api.Requests;

/// <summary>
/// A PATCH body: only the fields present change. Unknown fields and wrong types are refused with the field named,
/// rather than silently ignored.
/// </summary>
public sealed class PatchBody
{
    private readonly JsonElement root;

    private PatchBody(JsonElement root)
    {
        this.root = root;
    }

    public static PatchBody Parse(JsonElement body, IReadOnlyCollection<string> allowed, IReadOnlyDictionary<string, (string Code, string Message)>? refused = null)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new DomainException("malformed_request", "The body must be a JSON object.", DomainErrorKind.Invalid);
        }

        foreach (var property in body.EnumerateObject())
        {
            if (refused is not null && refused.TryGetValue(property.Name, out var refusal))
            {
                throw new DomainException(refusal.Code, refusal.Message, DomainErrorKind.Refused,
                    new Dictionary<string, string[]> { [property.Name] = [refusal.Message] });
            }

            if (!allowed.Contains(property.Name))
            {
                throw DomainException.Validation(property.Name, $"'{property.Name}' is not a field that can be changed here; allowed: {string.Join(", ", allowed)}.");
            }
        }

        return new PatchBody(body);
    }

    public string? String(string name) => Read(name, JsonValueKind.String, "a string", static e => e.GetString());

    public int? Int(string name) => Read(name, JsonValueKind.Number, "an integer", static e => e.TryGetInt32(out var value) ? value : (int?)null);

    public T? Object<T>(string name) where T : class =>
        Read(name, JsonValueKind.Object, "an object", static e => e.Deserialize<T>(VrpsJson.Options));

    private T? Read<T>(string name, JsonValueKind kind, string description, Func<JsonElement, T?> convert)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        try
        {
            return value.ValueKind == kind && convert(value) is { } converted
                ? converted
                : throw DomainException.Validation(name, $"{name} must be {description}.");
        }
        catch (JsonException)
        {
            throw DomainException.Validation(name, $"{name} must be {description}.");
        }
    }
}
