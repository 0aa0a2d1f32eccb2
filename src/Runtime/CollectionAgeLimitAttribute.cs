namespace Vrps.Runtime;

/// <summary>How long an activation of this class may stay idle before it is deactivated.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    public TimeSpan AgeLimit { get; } = TimeSpan.FromMinutes(minutes);
}
