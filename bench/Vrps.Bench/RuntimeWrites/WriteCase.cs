namespace Vrps.Bench.RuntimeWrites;

/// <param name="Number">Stable case number: ratios and published results refer to it.</param>
/// <param name="Coalescing">False runs the silo with MaxBatchSize = 1, one write per transaction.</param>
internal sealed record WriteCase(int Number, string Title, int Grains, WriteMode Mode, bool Coalescing)
{
    public static IReadOnlyList<WriteCase> All { get; } =
    [
        new(1, "one grain, pipelined writes, coalescing ON", 1, WriteMode.Pipelined, Coalescing: true),
        new(2, "one grain, pipelined writes, coalescing OFF", 1, WriteMode.Pipelined, Coalescing: false),
        new(3, "one grain, awaited writes, coalescing ON", 1, WriteMode.Awaited, Coalescing: true),
        new(4, "1,000 grains, awaited writes, coalescing ON", 1000, WriteMode.Awaited, Coalescing: true),
        new(5, "1,000 grains, awaited writes, coalescing OFF", 1000, WriteMode.Awaited, Coalescing: false),
    ];
}
