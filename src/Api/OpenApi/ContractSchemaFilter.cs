using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Vrps.Api.Requests;

namespace Vrps.Api.OpenApi;

/// <summary>
/// Makes every object schema say what the wire carries. The API writes no nulls (JsonIgnoreCondition.WhenWritingNull),
/// so a property is either always there — its C# type is non-nullable, and it is <c>required</c> — or left out
/// when it has no value: optional, and never <c>nullable</c>. A request's fields are nullable in C# (so a missing one
/// reaches our check, not the binder) and required exactly when <see cref="RequiredFields"/> says so. Closed sets of strings become enums (<see cref="ClosedSets"/>).
/// </summary>
internal sealed class ContractSchemaFilter : ISchemaFilter
{
    private readonly NullabilityInfoContext nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        var fields = RequiredFields.Of(context.Type).ToDictionary(static f => f.Name, StringComparer.Ordinal);
        var members = context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(static p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            if (!members.TryGetValue(name, out var member))
            {
                continue;
            }

            if (property is OpenApiSchema inline)
            {
                inline.Type &= ~JsonSchemaType.Null;
                if (ClosedSets.Of(context.Type, member.Name) is { } values)
                {
                    var target = inline.Type == JsonSchemaType.Array && inline.Items is OpenApiSchema items ? items : inline;
                    target.Enum = [.. values.Select(static v => (JsonNode)JsonValue.Create(v))];
                }

                if (fields.GetValueOrDefault(name)?.Condition is { } condition)
                {
                    inline.Description = condition;
                }
            }

            if (IsNonNullable(member) || fields.GetValueOrDefault(name)?.Required == true)
            {
                concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
                concrete.Required.Add(name);
            }
        }
    }

    private bool IsNonNullable(PropertyInfo member) => member.PropertyType.IsValueType
        ? Nullable.GetUnderlyingType(member.PropertyType) is null
        : nullability.Create(member).ReadState == NullabilityState.NotNull;
}
