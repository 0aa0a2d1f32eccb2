namespace Vrps.Postgres.Tests.AdoNet;

public interface IPingGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}
