namespace Vrps.Runtime.Core;

internal enum ActivationStatus
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
