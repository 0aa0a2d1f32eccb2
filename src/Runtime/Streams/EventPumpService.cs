using Microsoft.Extensions.Logging;
using Vrps.Runtime.Core;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Streams;

/// <summary>Runs one pump per named consumer and per grain type with implicit subscriptions.</summary>
internal sealed class EventPumpService
{
    private readonly List<EventPump> pumps = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> running = [];

    public EventPumpService(
        GrainRuntime runtime,
        GrainTypeRegistry registry,
        IEnumerable<IEventConsumer> consumers,
        EventLog log,
        RuntimeOptions options,
        RuntimeMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        foreach (var consumer in consumers)
        {
            pumps.Add(new EventPump(consumer.Name, consumer.Namespaces, consumer.HandleAsync, log, options, time, logger));
        }

        foreach (var type in registry.All.Where(static t => t.ImplicitNamespaces.Count > 0))
        {
            var delivery = new ImplicitDelivery(runtime, type.Name, metrics, time, options.CallTimeout);
            pumps.Add(new EventPump($"implicit/{type.Name}", type.ImplicitNamespaces, delivery.DeliverAsync, log, options, time, logger));
        }
    }

    public void Start()
    {
        foreach (var pump in pumps)
        {
            running.Add(Task.Run(() => pump.RunAsync(stopping.Token)));
        }
    }

    public void WakeAll()
    {
        foreach (var pump in pumps)
        {
            pump.Wake();
        }
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A pump stopped mid-read: its checkpoint did not move, so the next start replays from there.
        }
    }
}
