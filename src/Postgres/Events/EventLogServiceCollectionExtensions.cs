using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Vrps.Postgres.Events;

public static class EventLogServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="EventLogReader"/> over the host's <see cref="NpgsqlDataSource"/>, which must be registered. A host
    /// without a silo (the API beside a remote cluster) reads a log whose tables the silos created.
    /// </summary>
    public static IServiceCollection AddEventLogReader(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EventLogReader>();
        return services;
    }
}
