namespace Vrps.Postgres.Tests.AdoNet;

public sealed class TickingGrain : Grain, ITickingGrain, IRemindable
{
    public const string ReminderName = "housekeeping";
    private int _ticks;

    public async Task StartAsync(TimeSpan period) => await this.RegisterOrUpdateReminder(ReminderName, period, period);

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            _ticks++;
        }

        return Task.CompletedTask;
    }
}
