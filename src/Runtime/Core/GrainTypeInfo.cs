using System.Reflection;

namespace Vrps.Runtime.Core;

internal sealed class GrainTypeInfo(
    string name,
    Type classType,
    bool reentrant,
    TimeSpan? ageLimit,
    IReadOnlyList<string> implicitNamespaces,
    Func<IServiceProvider, Activation, Grain> factory)
{
    public string Name { get; } = name;

    public Type ClassType { get; } = classType;

    public bool Reentrant { get; } = reentrant;

    /// <summary>Null means the runtime-wide default.</summary>
    public TimeSpan? AgeLimit { get; } = ageLimit;

    public IReadOnlyList<string> ImplicitNamespaces { get; } = implicitNamespaces;

    public Grain Create(IServiceProvider services, Activation activation) => factory(services, activation);

    public static string NameOf(Type classType) =>
        classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultName(classType.Name);

    private static string DefaultName(string className)
    {
        var name = className.EndsWith("Grain", StringComparison.Ordinal) ? className[..^"Grain".Length] : className;
        return name.ToLowerInvariant();
    }
}
