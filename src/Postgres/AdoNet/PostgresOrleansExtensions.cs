using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.AdoNet;

/// <summary>
/// Wires Orleans' stock ADO.NET providers to one PostgreSQL database whose schema is our migration module
/// <see cref="OrleansAdoNetSchema.Module"/>. The same call serves one silo (the zero-config host passes its private
/// Postgres' connection string) and a cluster of many.
/// </summary>
public static class PostgresOrleansExtensions
{
    /// <summary>
    /// ADO.NET clustering on the database at <paramref name="connectionString"/>, after applying every registered
    /// <see cref="MigrationSet"/> (ours included) before membership starts. Registers the silo's one
    /// <see cref="NpgsqlDataSource"/> unless one is registered already; the other Postgres providers use it.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddDataSource(builder.Services, connectionString);
        builder.Services.AddSingleton(OrleansAdoNetSchema.Migrations);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, MigrateBeforeMembership>());
        return builder.UseAdoNetClustering(static (OptionsBuilder<AdoNetClusteringSiloOptions> options) =>
            options.Configure<NpgsqlDataSource>(static (o, dataSource) =>
            {
                o.Invariant = OrleansAdoNetSchema.Invariant;
                o.DataSource = dataSource;
            }));
    }

    /// <summary>A cluster client that finds its gateways in the membership table at <paramref name="connectionString"/>.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddDataSource(builder.Services, connectionString);
        return builder.UseAdoNetClustering(static (OptionsBuilder<AdoNetClusteringClientOptions> options) =>
            options.Configure<NpgsqlDataSource>(static (o, dataSource) =>
            {
                o.Invariant = OrleansAdoNetSchema.Invariant;
                o.DataSource = dataSource;
            }));
    }

    /// <summary>Orleans' ADO.NET reminder table on the silo's database; call after <see cref="UsePostgresClustering(ISiloBuilder, string)"/>.</summary>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseAdoNetReminderService(static (OptionsBuilder<AdoNetReminderTableOptions> options) =>
            options.Configure<NpgsqlDataSource>(static (o, dataSource) =>
            {
                o.Invariant = OrleansAdoNetSchema.Invariant;
                o.DataSource = dataSource;
            }));
    }

    /// <summary>
    /// Orleans' stock ADO.NET grain storage under <paramref name="name"/> on the silo's database, the baseline our own
    /// storage is measured against; call after <see cref="UsePostgresClustering(ISiloBuilder, string)"/>.
    /// </summary>
    public static ISiloBuilder AddPostgresAdoNetGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddAdoNetGrainStorage(name, static (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<NpgsqlDataSource>(static (o, dataSource) =>
            {
                o.Invariant = OrleansAdoNetSchema.Invariant;
                o.DataSource = dataSource;
            }));
    }

    private static void AddDataSource(IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
    }
}
