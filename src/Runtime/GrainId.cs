namespace Vrps.Runtime;

/// <summary>A grain's identity: its type name (stable, stored) and its key. Guid keys are kept in "D" form.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public static GrainId Create(string type, Guid key) => new(type, key.ToString("D"));

    public override string ToString() => $"{Type}/{Key}";
}
