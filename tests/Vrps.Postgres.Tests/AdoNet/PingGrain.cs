namespace Vrps.Postgres.Tests.AdoNet;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<string> PingAsync() => Task.FromResult("pong " + this.GetPrimaryKeyString());
}
