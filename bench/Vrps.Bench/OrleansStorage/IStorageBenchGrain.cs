namespace Vrps.Bench.OrleansStorage;

/// <summary>A grain whose only job is to persist its state, so a write's cost is the storage provider's.</summary>
internal interface IStorageBenchGrain : IGrainWithStringKey
{
    /// <summary>Increments the stored value and returns once the write is durable.</summary>
    Task<WriteAck> WriteAsync();
}
