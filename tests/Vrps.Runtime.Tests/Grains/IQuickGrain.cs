namespace Vrps.Runtime.Tests.Grains;

public interface IQuickGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task StartTimerAsync(TimeSpan period);

    Task<int> GetTicksAsync();
}
