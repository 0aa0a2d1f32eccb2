namespace Vrps.Postgres.Events;

/// <summary>An event-log stream provider's settings, named by provider, bound from section <c>Vrps:Streams:{name}</c>.</summary>
public sealed class EventLogStreamOptions
{
    public const string Section = "Vrps:Streams";

    /// <summary>How many queues share the streams; each is read by one pulling agent somewhere in the cluster.</summary>
    /// <remarks>Changing it moves streams between queues: existing checkpoints then no longer describe the new split.</remarks>
    public int QueueCount { get; set; } = 8;

    /// <summary>The most events one read of a queue takes.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// The most consecutive events of one stream handed to its subscribers in one delivery (one grain call per
    /// subscriber); 1 delivers each event on its own. A subscriber takes them one by one either way.
    /// </summary>
    public int EventsPerDelivery { get; set; } = 100;
}
