namespace Vrps.Runtime;

/// <summary>This interface method may run while any other call is in progress on the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
