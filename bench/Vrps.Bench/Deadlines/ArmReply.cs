namespace Vrps.Bench.Deadlines;

/// <summary>A child silo's answer to <see cref="SiloProtocol.Arm"/>.</summary>
internal sealed record ArmReply(int Armed, int Failed, TimeSpan Elapsed, string? FirstError);
