namespace Vrps.Bench.OrleansStorage;

/// <summary>What an acknowledged write stored: the grain's new value and the provider's new version (its ETag).</summary>
[GenerateSerializer]
[Alias("vrps.bench.write-ack")]
internal sealed record WriteAck([property: Id(0)] long Value, [property: Id(1)] long Version);
