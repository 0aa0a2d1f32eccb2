using System.Globalization;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// The grain types and keys of the scenario's timers, shared by the bulk seeding (which writes rows the providers must
/// recognise as their own) and the silo. The key prefix tells what a fire belongs to.
/// </summary>
internal static class TimerKeys
{
    public const string DeadlineGrainType = "bench-deadline-timer";

    public const string ReminderGrainType = "bench-reminder-timer";

    /// <summary>The one timer name every grain uses.</summary>
    public const string TimerName = "bench";

    /// <summary>Timers stored far in the future: they must never fire during the run.</summary>
    public const string Stored = "far-";

    /// <summary>Timers falling due within the lag window.</summary>
    public const string Due = "due-";

    /// <summary>The timer that falls due while no silo runs.</summary>
    public const string Overdue = "overdue-";

    public static string Of(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index:D7}");

    public static string GrainTypeOf(TimerProvider provider) => provider == TimerProvider.Deadlines ? DeadlineGrainType : ReminderGrainType;
}
