namespace Vrps.Postgres.Tests.Storage;

/// <summary>A fresh database and silo for every test.</summary>
public abstract class StorageTestBase : IAsyncLifetime
{
    private StorageCluster? storage;

    internal StorageCluster Storage => storage ?? throw new InvalidOperationException("The silo has not started.");

    internal IGrainFactory Grains => Storage.Grains;

    protected virtual int MaxBatchSize => Vrps.Postgres.Storage.VrpsGrainStorageOptions.DefaultMaxBatchSize;

    public async Task InitializeAsync() => storage = await StorageCluster.StartAsync(GetType().Name, MaxBatchSize);

    public async Task DisposeAsync()
    {
        if (storage is not null)
        {
            await storage.DisposeAsync();
        }
    }
}
