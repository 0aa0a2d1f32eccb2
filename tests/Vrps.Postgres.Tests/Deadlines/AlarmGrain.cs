using Vrps.Postgres.Deadlines;

namespace Vrps.Postgres.Tests.Deadlines;

/// <summary>Sets deadlines through the direct API and reports every fire to its <see cref="AlarmScript"/>.</summary>
[GrainType("vrps-test-alarm")]
public sealed class AlarmGrain(IDeadlines deadlines) : Grain, IAlarmGrain
{
    public async Task SetAsync(string name, DateTimeOffset dueAt) => await deadlines.SetAsync(this.GetGrainId(), name, dueAt);

    public async Task CancelAsync(string name) => await deadlines.CancelAsync(this.GetGrainId(), name);

    public Task OnDeadlineAsync(string name, DateTimeOffset dueAt) => AlarmScript.For(this.GetPrimaryKeyString()).ReceiveAsync(name, dueAt);
}
