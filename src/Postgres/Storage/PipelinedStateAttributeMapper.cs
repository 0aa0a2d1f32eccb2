using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Vrps.Postgres.Storage;

/// <summary>Builds the <see cref="PipelinedState{TState}"/> a grain's <see cref="PipelinedStateAttribute"/> parameter asks for.</summary>
internal sealed class PipelinedStateAttributeMapper : IAttributeToFactoryMapper<PipelinedStateAttribute>
{
    private static readonly MethodInfo CreateMethod = typeof(PipelinedStateAttributeMapper).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, PipelinedStateAttribute metadata)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"[PipelinedState] on parameter '{parameter.Name}' of {parameter.Member.DeclaringType}: the parameter must be an IPersistentState<T>, not {type}.");
        }

        var create = CreateMethod.MakeGenericMethod(type.GetGenericArguments()[0]).CreateDelegate<Func<IGrainContext, string, string, object>>();
        var storageName = metadata.StorageName ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        return context => create(context, metadata.StateName, storageName);
    }

    private static object Create<TState>(IGrainContext context, string stateName, string storageName)
        where TState : new() =>
        new PipelinedState<TState>(stateName, context, context.ActivationServices.GetRequiredKeyedService<IGrainStorage>(storageName));
}
