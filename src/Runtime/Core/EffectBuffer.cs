using System.Text.Json;
using Vrps.Runtime.Storage;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Core;

/// <summary>Events and reminder changes a grain staged; they commit with the activation's next write.</summary>
internal sealed class EffectBuffer
{
    private List<PendingEvent>? events;
    private List<ReminderChange>? reminders;

    public bool IsEmpty => events is null && reminders is null;

    public void AddEvent(StreamId stream, string type, object payload, DateTimeOffset occurredAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(payload);
        var json = JsonSerializer.Serialize(payload, payload.GetType(), RuntimeJson.Options);
        (events ??= []).Add(new PendingEvent(stream, type, json, occurredAt));
    }

    public void SetReminder(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan? period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "A reminder period must be positive.");
        }

        (reminders ??= []).Add(new ReminderChange(grain, name, dueAt, period));
    }

    public void CancelReminder(GrainId grain, string name) =>
        (reminders ??= []).Add(new ReminderChange(grain, name, null, null));

    public (IReadOnlyList<PendingEvent>? Events, IReadOnlyList<ReminderChange>? Reminders) Take()
    {
        var taken = (events, reminders);
        events = null;
        reminders = null;
        return taken;
    }

    public void Clear()
    {
        events = null;
        reminders = null;
    }
}
