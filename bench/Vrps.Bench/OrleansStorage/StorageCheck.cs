namespace Vrps.Bench.OrleansStorage;

internal sealed record StorageCheck(int Case, string Storage, string Name, bool Passed, string Detail);
