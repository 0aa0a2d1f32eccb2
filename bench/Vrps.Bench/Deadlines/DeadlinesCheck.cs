namespace Vrps.Bench.Deadlines;

internal sealed record DeadlinesCheck(string Provider, string Name, bool Passed, string Detail);
