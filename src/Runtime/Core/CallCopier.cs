using System.Collections.Concurrent;
using System.Text.Json;

namespace Vrps.Runtime.Core;

/// <summary>
/// Arguments and results cross a grain boundary as JSON copies, as they will between silos: a grain can never share
/// a live object with its caller, and a type that does not serialize fails here, in tests, not in production.
/// </summary>
internal static class CallCopier
{
    private static readonly ConcurrentDictionary<Type, bool> Immutable = new();

    public static object?[] CopyArguments(Type[] parameterTypes, object?[] arguments)
    {
        if (arguments.Length == 0)
        {
            return arguments;
        }

        var copy = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            copy[i] = Copy(arguments[i], parameterTypes[i]);
        }

        return copy;
    }

    public static T Copy<T>(T value) => (T)Copy(value, typeof(T))!;

    public static object? Copy(object? value, Type declaredType)
    {
        if (value is null || IsImmutable(value.GetType()))
        {
            return value;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, declaredType, RuntimeJson.Options);
        return JsonSerializer.Deserialize(bytes, declaredType, RuntimeJson.Options);
    }

    private static bool IsImmutable(Type type) => Immutable.GetOrAdd(type, static t =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal)
        || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(DateOnly)
        || t == typeof(TimeOnly) || t == typeof(GrainId) || (Nullable.GetUnderlyingType(t) is { } inner && IsImmutable(inner)));
}
