namespace Vrps.Postgres.Tests.AdoNet;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }
}
