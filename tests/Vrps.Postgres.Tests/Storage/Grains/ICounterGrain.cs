namespace Vrps.Postgres.Tests.Storage.Grains;

public interface ICounterGrain : ICounter, IGrainWithStringKey;
