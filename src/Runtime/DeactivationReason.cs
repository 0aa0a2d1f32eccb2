namespace Vrps.Runtime;

public enum DeactivationReason
{
    IdleTimeout,
    Requested,
    StateMayBeStale,
    ShuttingDown,
}
