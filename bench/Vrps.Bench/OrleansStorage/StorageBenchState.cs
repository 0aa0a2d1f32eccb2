namespace Vrps.Bench.OrleansStorage;

/// <summary>
/// The state every provider stores. It carries its own grain key so the check after the run reads each row's grain
/// from the payload, without knowing how a provider lays out keys.
/// </summary>
[GenerateSerializer]
[Alias("vrps.bench.storage-state")]
internal sealed class StorageBenchState
{
    [Id(0)]
    public string Key { get; set; } = string.Empty;

    [Id(1)]
    public long Value { get; set; }
}
