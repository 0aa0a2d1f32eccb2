namespace Vrps.Runtime;

/// <summary>A grain class that registers durable reminders implements this to receive them.</summary>
public interface IRemindable
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}
