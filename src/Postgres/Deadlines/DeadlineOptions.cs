namespace Vrps.Postgres.Deadlines;

/// <summary>How the silo fires durable deadlines. Bound from configuration section <see cref="Section"/>.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Vrps:Deadlines";

    /// <summary>
    /// The longest an idle silo waits (real time) before it looks for due deadlines again. Bounds how late a deadline
    /// fires whose lease lapsed or whose retry delay passed; a commit setting one sooner wakes the silos at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most deadlines one poll claims.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// How long (database wall clock) a claim keeps other silos off a deadline. A silo that dies mid-fire delays that
    /// deadline by up to this much; it must exceed the longest a receiver takes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long (database wall clock) after a failed fire the deadline is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most fires in flight at once per silo.</summary>
    public int MaxConcurrentFires { get; set; } = 1000;
}
