namespace Vrps.Postgres.Tests.Storage.Grains;

public interface INumberedCounterGrain : ICounter, IGrainWithIntegerKey;
