namespace Vrps.Bench.Deadlines;

/// <summary>The timers falling due in the window: how late each first fired (fired-at minus due-at), and whether each fired once.</summary>
/// <param name="ArmSeconds">How long arming every timer through grain calls took.</param>
/// <param name="ExtraFires">Fires beyond the first per timer (for reminders: ticks before the unregister landed).</param>
/// <param name="StoredFired">Fires of the far-future stored timers: must be 0.</param>
/// <param name="RowsLeft">Rows of the due timers still in the provider's table once all had fired.</param>
internal sealed record LagResult(
    string Provider,
    int Due,
    double WindowSeconds,
    double ArmSeconds,
    int ArmFailed,
    bool ArmedBeforeFirstDue,
    int Fired,
    int Missing,
    int ExtraFires,
    LatencySummary Lag,
    int StoredFired,
    long RowsLeft);
