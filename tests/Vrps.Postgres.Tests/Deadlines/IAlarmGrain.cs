using Vrps.Postgres.Deadlines;

namespace Vrps.Postgres.Tests.Deadlines;

[Alias("Vrps.Postgres.Tests.Deadlines.IAlarmGrain")]
public interface IAlarmGrain : IGrainWithStringKey, IDeadlineReceiver
{
    [Alias("Set")]
    Task SetAsync(string name, DateTimeOffset dueAt);

    [Alias("Cancel")]
    Task CancelAsync(string name);
}
