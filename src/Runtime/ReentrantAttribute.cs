namespace Vrps.Runtime;

/// <summary>Calls to this grain class interleave at every await; still one thread at a time.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
