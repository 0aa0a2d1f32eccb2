namespace Vrps.Runtime.Tests.Grains;

[Reentrant]
[GrainType("test-reentrant")]
public sealed class ReentrantGrain(Probe probe) : InterleavingGrain(probe), IReentrantGrain;
