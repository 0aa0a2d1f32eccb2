using System.Linq.Expressions;
using System.Reflection;

namespace Vrps.Runtime.Core;

/// <summary>
/// One grain interface method, compiled once: the caller side copies the arguments and sends a message; the grain
/// side invokes the method through a compiled delegate, without reflection per call.
/// </summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        ReadOnly = method.GetCustomAttribute<ReadOnlyAttribute>() is not null;
        AlwaysInterleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        ParameterTypes = method.GetParameters().Select(static p => p.ParameterType).ToArray();
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    public bool ReadOnly { get; }

    public bool AlwaysInterleave { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>Returns the Task or ValueTask the interface method declares.</summary>
    public abstract object Invoke(GrainRuntime runtime, GrainId target, object?[]? arguments);

    public static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        Type resultType;
        ReturnKind kind;
        if (returnType == typeof(Task))
        {
            (resultType, kind) = (typeof(object), ReturnKind.Task);
        }
        else if (returnType == typeof(ValueTask))
        {
            (resultType, kind) = (typeof(object), ReturnKind.ValueTask);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            (resultType, kind) = (returnType.GetGenericArguments()[0], ReturnKind.TaskOfT);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            (resultType, kind) = (returnType.GetGenericArguments()[0], ReturnKind.ValueTaskOfT);
        }
        else
        {
            throw new InvalidOperationException(
                $"Grain method {method.DeclaringType!.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        var closed = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(closed, method, kind)!;
    }
}

internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

internal sealed class GrainMethod<T> : GrainMethod
{
    private readonly Func<object, object?[], Task<T>> call;
    private readonly ReturnKind kind;

    public GrainMethod(MethodInfo method, ReturnKind kind)
        : base(method)
    {
        this.kind = kind;
        call = Compile(method, kind);
    }

    public override object Invoke(GrainRuntime runtime, GrainId target, object?[]? arguments)
    {
        var copied = CallCopier.CopyArguments(ParameterTypes, arguments ?? []);
        var message = new Message<T>(this, copied, call);
        var reply = runtime.Send(target, message);
        return kind switch
        {
            ReturnKind.Task or ReturnKind.TaskOfT => reply,
            ReturnKind.ValueTask => new ValueTask(reply),
            _ => new ValueTask<T>(reply),
        };
    }

    private static Func<object, object?[], Task<T>> Compile(MethodInfo method, ReturnKind kind)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression body = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        body = kind switch
        {
            ReturnKind.TaskOfT => body,
            ReturnKind.ValueTaskOfT => Expression.Call(body, typeof(ValueTask<T>).GetMethod(nameof(ValueTask<T>.AsTask))!),
            ReturnKind.Task => Expression.Call(typeof(GrainMethod<T>).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!, body),
            _ => Expression.Call(
                typeof(GrainMethod<T>).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!,
                Expression.Call(body, typeof(ValueTask).GetMethod(nameof(ValueTask.AsTask))!)),
        };
        return Expression.Lambda<Func<object, object?[], Task<T>>>(body, grain, args).Compile();
    }

    private static async Task<T> FromTask(Task task)
    {
        await task;
        return default!;
    }
}
