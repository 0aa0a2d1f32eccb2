using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Storage;

public static class VrpsGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds the Vrps grain storage as the provider grains get when <c>[PersistentState]</c> names none.</summary>
    public static ISiloBuilder AddVrpsGrainStorageAsDefault(this ISiloBuilder builder, Action<VrpsGrainStorageOptions> configure) =>
        builder.AddVrpsGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds the Vrps grain storage under <paramref name="name"/>, with its schema's migration module.</summary>
    public static ISiloBuilder AddVrpsGrainStorage(this ISiloBuilder builder, string name, Action<VrpsGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<VrpsGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VrpsGrainStorageOptions>, VrpsGrainStorageOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainStates>();
        if (!services.Any(static d => d.ServiceType == typeof(MigrationSet) && d.ImplementationInstance is MigrationSet { Module: GrainStorageMigrations.Module }))
        {
            services.AddSingleton(GrainStorageMigrations.Set);
        }

        services.AddGrainStorage(name, VrpsGrainStorage.Create);
        return builder;
    }
}
