namespace Vrps.Postgres.Tests.Storage.Grains;

public interface IOtherCounterGrain : ICounter, IGrainWithStringKey;
