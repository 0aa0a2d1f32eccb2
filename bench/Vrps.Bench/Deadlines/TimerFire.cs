namespace Vrps.Bench.Deadlines;

/// <summary>One fire (or reminder tick) a timer grain received, in the silo run <paramref name="Generation"/> of its provider.</summary>
internal sealed record TimerFire(string Key, DateTimeOffset FiredAt, int Generation);
