using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Postgres.Migrations;
using Vrps.Runtime.Core;
using Vrps.Runtime.Storage;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Hosting;

/// <summary>Registers grain classes, event consumers and migrations with the runtime.</summary>
public sealed class RuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public RuntimeBuilder AddGrain<TGrain>() where TGrain : Grain
    {
        Services.AddSingleton(new GrainClassRegistration(typeof(TGrain)));
        return this;
    }

    /// <summary>Registers every concrete grain class of the assembly.</summary>
    public RuntimeBuilder AddGrainsFrom(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(static t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)))
        {
            Services.AddSingleton(new GrainClassRegistration(type));
        }

        return this;
    }

    public RuntimeBuilder AddEventConsumer<TConsumer>() where TConsumer : class, IEventConsumer
    {
        Services.AddSingleton<IEventConsumer, TConsumer>();
        return this;
    }

    /// <summary>Adds a module of numbered SQL migrations embedded as "migrations/{module}/NNNN_name.sql".</summary>
    public RuntimeBuilder AddMigrations(string module, Assembly assembly)
    {
        Services.AddSingleton(new MigrationSet(module, assembly));
        return this;
    }
}
