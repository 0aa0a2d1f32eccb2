using System.ComponentModel.DataAnnotations;

namespace Vrps.Runtime.Hosting;

public sealed class RuntimeOptions
{
    public const string Section = "Vrps:Runtime";

    /// <summary>Idle time after which an activation is deactivated, unless its class says otherwise with [CollectionAgeLimit].</summary>
    public TimeSpan DefaultIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (real time; ages are measured on the injected TimeProvider).</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most writes in one group-commit transaction; 1 turns coalescing off.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 2048;

    /// <summary>
    /// Group-commit transactions that may run at once (on disjoint grains): one keeps a single writer; more let
    /// Postgres work on the next batch while the previous one waits for its flush. Default 1: on the 2-core machine
    /// the hot-offer bench was CPU-bound and 4 in flight only made batches smaller (177 → 54 writes per transaction in a quick run).
    /// </summary>
    [Range(1, 64)]
    public int MaxCommitsInFlight { get; set; } = 1;

    /// <summary>Longest wait between looks at the reminder table; a reminder due sooner wakes the loop itself.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 100_000)]
    public int ReminderBatchSize { get; set; } = 1000;

    /// <summary>How long a claimed reminder stays with the silo that claimed it before another may fire it.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 100_000)]
    public int MaxConcurrentReminderFires { get; set; } = 2000;

    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 100_000)]
    public int EventBatchSize { get; set; } = 500;

    public TimeSpan EventRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(DefaultIdleTimeout), DefaultIdleTimeout), (nameof(CollectionInterval), CollectionInterval),
                     (nameof(CallTimeout), CallTimeout), (nameof(ReminderPollInterval), ReminderPollInterval),
                     (nameof(ReminderLease), ReminderLease), (nameof(ReminderRetryDelay), ReminderRetryDelay),
                     (nameof(EventPollInterval), EventPollInterval), (nameof(EventRetryMaxDelay), EventRetryMaxDelay),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Section}:{name} must be a positive time span.";
            }
        }
    }
}
