namespace Vrps.Runtime;

/// <summary>The stable type name of a grain class, used in its identity and in every stored row.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
