namespace Vrps.Runtime.Storage;

/// <summary>What a grain staged besides its state: events, reminder changes and index rows, all committed with it.</summary>
internal sealed record Effects(
    IReadOnlyList<PendingEvent>? Events,
    IReadOnlyList<ReminderChange>? Reminders,
    IReadOnlyList<IndexedRow>? Index);
