namespace Vrps.Postgres.Tests.AdoNet;

public interface ITickingGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task<int> TicksAsync();
}
