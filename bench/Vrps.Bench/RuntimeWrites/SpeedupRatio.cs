namespace Vrps.Bench.RuntimeWrites;

/// <summary>Writes/s of one case divided by writes/s of another, from the same run.</summary>
internal sealed record SpeedupRatio(string Name, int NumeratorCase, int DenominatorCase, double Value);
