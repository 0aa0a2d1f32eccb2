using System.Collections.Concurrent;
using System.Reflection;

namespace Vrps.Runtime.Core;

/// <summary>
/// The proxy behind every grain interface. DispatchProxy gives us the Orleans call site with no build-time code
/// generation; the per-call cost is one dictionary lookup before the compiled invoker.
/// </summary>
public class GrainReference : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Methods = new();

    private GrainRuntime? runtime;

    public GrainId GrainId { get; private set; }

    internal void Bind(GrainRuntime owner, GrainId id)
    {
        runtime = owner;
        GrainId = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = Methods.GetOrAdd(targetMethod, GrainMethod.Create);
        return method.Invoke(runtime!, GrainId, args);
    }

    public override string ToString() => GrainId.ToString();
}
