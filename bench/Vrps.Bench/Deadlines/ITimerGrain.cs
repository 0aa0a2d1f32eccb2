using Orleans;

namespace Vrps.Bench.Deadlines;

/// <summary>A grain that arms one one-shot timer on itself and records when it fires.</summary>
[Alias("Vrps.Bench.Deadlines.ITimerGrain")]
internal interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Arms (or moves) the grain's timer; returns once it is stored.</summary>
    [Alias("Arm")]
    Task ArmAsync(DateTimeOffset dueAt);
}
