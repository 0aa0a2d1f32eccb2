namespace Vrps.Postgres.Tests.Storage.Grains;

public interface IPipelinedCounterGrain : ICounter, IGrainWithStringKey;
