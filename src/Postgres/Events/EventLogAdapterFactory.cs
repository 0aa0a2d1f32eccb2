using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Vrps.Postgres.Events;

/// <summary>Builds the event log's adapter, queue mapper and cache for one named stream provider.</summary>
internal sealed class EventLogAdapterFactory : IQueueAdapterFactory
{
    private readonly string name;
    private readonly EventLogStreamOptions options;
    private readonly NpgsqlDataSource dataSource;
    private readonly EventLogMetrics metrics;
    private readonly ILoggerFactory loggerFactory;
    private readonly EventLogQueueMapper mapper;
    private readonly SimpleQueueAdapterCache cache;

    private EventLogAdapterFactory(
        string name,
        EventLogStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        NpgsqlDataSource dataSource,
        EventLogMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        this.name = name;
        this.options = options;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.loggerFactory = loggerFactory;
        mapper = new EventLogQueueMapper(name, options.QueueCount);

        // Orleans' simple cache hands purged batches back to the receiver: a batch is purged once no cursor of any
        // subscriber still needs it, which is the "delivered" our checkpoint waits for.
        cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
    }

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new EventLogAdapterFactory(
        name,
        services.GetRequiredService<IOptionsMonitor<EventLogStreamOptions>>().Get(name),
        services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
        services.GetRequiredService<NpgsqlDataSource>(),
        services.GetRequiredService<EventLogMetrics>(),
        services.GetRequiredService<ILoggerFactory>());

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(new EventLogAdapter(name, options, dataSource, metrics, loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    public IStreamQueueMapper GetStreamQueueMapper() => mapper;

    // Orleans retries a failing subscriber before it gives up on an event; the log keeps it for replay by hand.
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler(false));
}
