using Vrps.Bench.RuntimeWrites;

namespace Vrps.Bench.Reminders;

/// <summary>One run of the reminders scenario, as written to JSON.</summary>
internal sealed record RemindersReport
{
    public required string Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required int Stored { get; init; }

    public required int Due { get; init; }

    public required double WindowSeconds { get; init; }

    public required double OfferedPerSecond { get; init; }

    /// <summary>The product defaults the silo ran with.</summary>
    public required RuntimeDefaults Runtime { get; init; }

    /// <summary>Silo starts on the small table, then on the full one.</summary>
    public required IReadOnlyList<StartupResult> Startup { get; init; }

    /// <summary>Median time to the first fire with the full table over the same with the small one.</summary>
    public required double StartupRatio { get; init; }

    public required bool StartupIndependent { get; init; }

    /// <summary>Baseline first, then the silo.</summary>
    public required IReadOnlyList<DueBatchResult> DueBatch { get; init; }

    /// <summary>Silo lag p99 ÷ baseline lag p99 (above 1: the silo fires later).</summary>
    public required double LagP99Ratio { get; init; }

    /// <summary>Silo fires/s ÷ baseline fires/s.</summary>
    public required double FiresPerSecondRatio { get; init; }

    public required bool TargetMet { get; init; }

    public required bool Passed { get; init; }

    public required IReadOnlyList<string> Failures { get; init; }
}

internal sealed record RuntimeDefaults(int ReminderBatchSize, int MaxConcurrentReminderFires, double ReminderPollIntervalMs, double ReminderLeaseSeconds);

/// <param name="Stored">Reminder rows in the table when the silo started (one of them an overdue probe).</param>
/// <param name="StartMs">Each sample: StartAsync call to return (ready).</param>
/// <param name="FirstFireMs">Each sample: StartAsync call to the overdue probe's turn in its grain.</param>
internal sealed record StartupResult(int Stored, IReadOnlyList<double> StartMs, IReadOnlyList<double> FirstFireMs)
{
    public double MedianStartMs => LagMath.Median(StartMs.ToArray());

    public double MedianFirstFireMs => LagMath.Median(FirstFireMs.ToArray());
}

/// <param name="Fired">Due reminders that fired at least once within the window plus the grace time.</param>
/// <param name="Duplicates">Fires beyond the first of a reminder (allowed: delivery is at-least-once).</param>
/// <param name="FarFired">Far-future reminders that fired: must be 0.</param>
/// <param name="FiresPerSecond">First fires ÷ (last first fire − window start).</param>
/// <param name="PeakFiresPerSecond">Most first fires in one wall-clock second.</param>
/// <param name="LagP99BySlice">Lag p99 of each sixth of the batch, in due order.</param>
/// <param name="Counters">Postgres' counters over the batch (from just before the window until the load stopped).</param>
/// <param name="ScanSamples">The claim's scan, explained while the batch fired.</param>
/// <param name="RowsLeftDue">Due rows still stored after the run (the silo deletes a fired one-shot when it records the outcome).</param>
internal sealed record DueBatchResult(
    string Mode,
    int Due,
    int Fired,
    long Duplicates,
    int Missed,
    long FarFired,
    long UnknownFired,
    double FiresPerSecond,
    int PeakFiresPerSecond,
    LatencySummary Lag,
    IReadOnlyList<double> LagP99BySlice,
    long RowsLeftDue,
    long RowsLeftFar,
    double SeedSeconds,
    DiagnosticsResult Diagnostics,
    PostgresCounters Counters,
    IReadOnlyList<ScanSample> ScanSamples);
