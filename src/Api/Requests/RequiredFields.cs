using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Vrps.Api.Problems;
using Vrps.Interfaces;

namespace Vrps.Api.Requests;

/// <summary>
/// The rule "a request names every field marked <see cref="RequiredFieldAttribute"/>", in one place: the API document
/// lists these fields as required (<c>ContractSchemaFilter</c>) and every endpoint's request is checked against them
/// before the endpoint runs (<c>RequiredFieldsFilter</c>), so the two can never disagree.
/// </summary>
internal static class RequiredFields
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Field>> Fields = new();

    /// <param name="Name">The field's JSON name.</param>
    /// <param name="Condition">For a field required only in some cases, those cases (<see cref="RequiredWhenAttribute"/>).</param>
    public sealed record Field(PropertyInfo Property, string Name, bool Required, string? Condition);

    /// <summary>The fields of a request record of this API, by its positional constructor's parameters; none for other types.</summary>
    public static IReadOnlyList<Field> Of(Type type) => Fields.GetOrAdd(type, static t =>
    {
        var constructor = t.Assembly == typeof(RequiredFields).Assembly
            ? t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(static c => c.GetParameters().Length)
            : null;
        return constructor is null
            ? []
            : [.. constructor.GetParameters()
                .Select(p => (Parameter: p, Property: t.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance)))
                .Where(static x => x.Property is not null)
                .Select(static x => new Field(
                    x.Property!,
                    JsonNamingPolicy.CamelCase.ConvertName(x.Property!.Name),
                    x.Parameter.IsDefined(typeof(RequiredFieldAttribute)),
                    x.Parameter.GetCustomAttribute<RequiredWhenAttribute>()?.Condition))];
    });

    /// <summary>Whether a request of this type has anything to check: a required field, or a request record among its fields.</summary>
    public static bool Declares(Type type) => Of(type).Any(static f => f.Required || Of(Element(f.Property.PropertyType)).Count > 0);

    /// <summary>Refuses the request with 400 validation_failed naming every required field it lacks, nested ones by path.</summary>
    public static void Check(object? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Collect(request, "", errors);
        if (errors.Count > 0)
        {
            throw new DomainException(
                ProblemCodes.ValidationFailed, $"Required: {string.Join(", ", errors.Keys)}.", DomainErrorKind.Invalid, errors);
        }
    }

    private static void Collect(object? request, string prefix, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            return;
        }

        foreach (var field in Of(request.GetType()))
        {
            var path = prefix + field.Name;
            switch (field.Property.GetValue(request))
            {
                case null when field.Required:
                case string text when field.Required && string.IsNullOrWhiteSpace(text):
                    errors[path] = [$"{field.Name} is required."];
                    break;
                case null:
                case string:
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        Collect(item, $"{path}[{index++}].", errors);
                    }

                    break;
                case var nested:
                    Collect(nested, path + ".", errors);
                    break;
            }
        }
    }

    private static Type Element(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(IEnumerable).IsAssignableFrom(type) ? item : type;
}
