namespace Vrps.Postgres.Tests.Storage.Grains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public long Value { get; set; }
}
