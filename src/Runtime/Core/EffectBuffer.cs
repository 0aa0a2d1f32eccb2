using System.Text.Json;
using Vrps.Runtime.Storage;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Core;

/// <summary>Events and reminder changes a grain staged; they commit with the activation's next write.</summary>
internal sealed class EffectBuffer
{
    private List<PendingEvent>? events;
    private List<ReminderChange>? reminders;
    private List<IndexedRow>? index;

    public bool IsEmpty => events is null && reminders is null && index is null;

    public void SetIndex(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var data = JsonSerializer.Serialize(entry.Data, entry.Data.GetType(), RuntimeJson.Options);
        (index ??= []).Add(new IndexedRow(entry.Kind, entry.Id, entry.ParentId, entry.TenantId, entry.Name, entry.CreatedAt, entry.DeletedAt, data));
    }

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

    public Effects? Take()
    {
        if (IsEmpty)
        {
            return null;
        }

        var taken = new Effects(events, reminders, index);
        Clear();
        return taken;
    }

    public void Clear()
    {
        events = null;
        reminders = null;
        index = null;
    }
}
