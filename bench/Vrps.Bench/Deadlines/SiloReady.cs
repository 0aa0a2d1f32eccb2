namespace Vrps.Bench.Deadlines;

/// <summary>What a child silo reports once it is ready: its start-up instants (machine clock, UTC), memory and settings in effect.</summary>
/// <param name="TimersLoaded">
/// When the provider can fire what is stored: for reminders, Orleans' <c>ReminderServiceStarted</c> event (the local
/// reminder service has read its whole ring range); for deadlines, which read nothing at start, the end of start-up.
/// </param>
internal sealed record SiloReady(
    DateTimeOffset HostStarting,
    DateTimeOffset HostStarted,
    DateTimeOffset TimersLoaded,
    SiloMemory Memory,
    IReadOnlyDictionary<string, string> Settings);
