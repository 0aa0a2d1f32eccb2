namespace Vrps.Postgres.Tests.Storage.Grains;

public interface IGuidCounterGrain : ICounter, IGrainWithGuidKey;
