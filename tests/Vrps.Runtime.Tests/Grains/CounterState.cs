namespace Vrps.Runtime.Tests.Grains;

public sealed class CounterState
{
    public long Value { get; set; }

    public List<string> Ticks { get; set; } = [];
}
