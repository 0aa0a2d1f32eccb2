namespace Vrps.Bench.Deadlines;

/// <summary>A timer that fell due while no silo ran (the last one was killed with SIGKILL), measured from the next silo's launch.</summary>
/// <param name="OverdueByMs">How long past due the timer was when the next silo was launched.</param>
/// <param name="LaunchToFireMs">From launching the next silo to the timer's first fire; null if it never fired.</param>
/// <param name="Fires">How many times it fired in the recovered silo.</param>
internal sealed record OverdueResult(
    string Provider,
    double OverdueByMs,
    double LaunchToStartedMs,
    double? LaunchToFireMs,
    double? StartedToFireMs,
    double? DueToFireMs,
    int Fires);
