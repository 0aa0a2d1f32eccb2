namespace Vrps.Bench.RuntimeWrites;

internal enum WriteMode
{
    /// <summary>The grain awaits its write before replying (Orleans semantics).</summary>
    Awaited,

    /// <summary>The grain stages its write and returns; the runtime holds the reply until the commit.</summary>
    Pipelined,
}
