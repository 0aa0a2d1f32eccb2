namespace Vrps.Bench.Deadlines;

/// <summary>
/// The line protocol between the scenario and a silo it runs as a child process: commands on the child's standard
/// input, replies and fires on its standard output (logs go to standard error). Times cross as UTC ticks: both
/// processes read the same machine clock.
/// </summary>
internal static class SiloProtocol
{
    /// <summary>The hidden argument, after the scenario name, that makes the bench executable a timer silo.</summary>
    public const string SiloFlag = "--silo";

    /// <summary>Child → scenario: <c>@ready {json}</c>, once, after start-up (and, for reminders, after the first load).</summary>
    public const string Ready = "@ready";

    /// <summary>Child → scenario: <c>@armed registered failed elapsedMs [first error]</c>, answering <see cref="Arm"/>.</summary>
    public const string Armed = "@armed";

    /// <summary>Child → scenario: <c>@fired key firedAtTicks</c>, for every fire or tick a timer grain receives.</summary>
    public const string Fired = "@fired";

    /// <summary>Scenario → child: <c>arm prefix count firstDueTicks spacingTicks</c>: sets timers through grain calls.</summary>
    public const string Arm = "arm";

    /// <summary>Scenario → child: stop the silo gracefully and exit.</summary>
    public const string Stop = "stop";
}
