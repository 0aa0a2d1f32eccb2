namespace Vrps.Postgres.Tests.Storage.Grains;

public interface IDefaultCounterGrain : ICounter, IGrainWithStringKey;
