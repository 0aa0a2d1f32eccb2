using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Hosting;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Index;

public static class GrainIndexSiloBuilderExtensions
{
    /// <summary>
    /// Adds the grain index: <see cref="GrainIndex"/> for reading lists, and the migrations creating its table, applied
    /// at silo start. It uses the silo's <see cref="NpgsqlDataSource"/>; one is registered on
    /// <paramref name="connectionString"/> if none is.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainIndex(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgresGrainIndex(connectionString);
        return builder;
    }

    /// <summary>
    /// The same registrations on a plain service collection. Only a silo applies the migrations; a host without one
    /// (the API beside a remote cluster) reads a table the silos created.
    /// </summary>
    public static IServiceCollection AddPostgresGrainIndex(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton<GrainIndex>();
        MigrateAtStart.Register(services, GrainIndexSchema.Migrations);
        return services;
    }
}
