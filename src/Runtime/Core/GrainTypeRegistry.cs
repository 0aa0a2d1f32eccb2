using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Runtime.Storage;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Core;

/// <summary>Maps grain interfaces to their one implementation class, and class names to the stable grain type name.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainTypeInfo> byInterface = [];
    private readonly Dictionary<string, GrainTypeInfo> byName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<GrainClassRegistration> registrations)
    {
        foreach (var registration in registrations.DistinctBy(static r => r.ClassType))
        {
            Register(registration.ClassType);
        }
    }

    public IEnumerable<GrainTypeInfo> All => byName.Values;

    public GrainTypeInfo ForInterface(Type grainInterface) =>
        byInterface.TryGetValue(grainInterface, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class implements {grainInterface.FullName}; register it with AddGrain or AddGrainsFrom.");

    public GrainTypeInfo ForName(string name) =>
        byName.TryGetValue(name, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class is registered with type name '{name}'.");

    private void Register(Type classType)
    {
        if (!typeof(Grain).IsAssignableFrom(classType) || classType.IsAbstract)
        {
            throw new InvalidOperationException($"{classType.FullName} is not a concrete grain class.");
        }

        var namespaces = classType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(static a => a.Namespace).ToArray();
        if (namespaces.Length > 0 && !typeof(IStreamSubscriber).IsAssignableFrom(classType))
        {
            throw new InvalidOperationException($"{classType.FullName} has an implicit stream subscription but does not implement IStreamSubscriber.");
        }

        var info = new GrainTypeInfo(
            GrainTypeInfo.NameOf(classType),
            classType,
            classType.GetCustomAttribute<ReentrantAttribute>() is not null,
            classType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.AgeLimit,
            namespaces,
            BuildFactory(classType));

        if (!byName.TryAdd(info.Name, info))
        {
            throw new InvalidOperationException($"Two grain classes share the type name '{info.Name}'.");
        }

        // An interface a base grain class already implements belongs to that base class, not to its subclasses.
        var inherited = classType.BaseType?.GetInterfaces() ?? [];
        foreach (var grainInterface in classType.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain)
                     && i != typeof(IGrainWithGuidKey) && i != typeof(IGrainWithStringKey) && !inherited.Contains(i)))
        {
            if (!byInterface.TryAdd(grainInterface, info))
            {
                throw new InvalidOperationException($"{grainInterface.FullName} is implemented by more than one grain class.");
            }
        }
    }

    private static Func<IServiceProvider, Activation, Grain> BuildFactory(Type classType)
    {
        var constructors = classType.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new InvalidOperationException($"{classType.FullName} must have exactly one public constructor.");
        }

        var constructor = constructors[0];
        var resolvers = constructor.GetParameters().Select(BuildResolver).ToArray();
        return (services, activation) =>
        {
            var arguments = new object?[resolvers.Length];
            for (var i = 0; i < resolvers.Length; i++)
            {
                arguments[i] = resolvers[i](services, activation);
            }

            var grain = (Grain)constructor.Invoke(arguments);
            grain.Attach(activation);
            return grain;
        };
    }

    private static Func<IServiceProvider, Activation, object?> BuildResolver(ParameterInfo parameter)
    {
        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is null)
        {
            var type = parameter.ParameterType;
            return (services, _) => services.GetRequiredService(type);
        }

        var parameterType = parameter.ParameterType;
        if (!parameterType.IsGenericType || parameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
        }

        var stateType = typeof(PersistentState<>).MakeGenericType(parameterType.GetGenericArguments()[0]);
        var name = stateAttribute.StateName;
        return (_, activation) =>
        {
            var state = (IStateLoader)Activator.CreateInstance(stateType, activation, name)!;
            activation.AddState(state);
            return state;
        };
    }
}
