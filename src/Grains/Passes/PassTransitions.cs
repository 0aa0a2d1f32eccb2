using Vrps.Interfaces;
using Vrps.Interfaces.Passes;

namespace Vrps.Grains.Passes;

/// <summary>The pass state machine (R10), as a pure function of the current status.</summary>
public static class PassTransitions
{
    public static string Next(string current, string action) => (action, current) switch
    {
        ("revoke", PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Suspended) => PassStatuses.Revoked,
        ("suspend", PassStatuses.Active or PassStatuses.ExpiringSoon) => PassStatuses.Suspended,
        ("resume", PassStatuses.Suspended) => PassStatuses.Active,
        ("cancel", PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Suspended) => PassStatuses.Cancelled,
        ("expiring_soon", PassStatuses.Active) => PassStatuses.ExpiringSoon,
        ("expire", PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Suspended) => PassStatuses.Expired,
        _ => throw new DomainException("invalid_transition", $"A pass that is {current} cannot be {Past(action)}.", 409),
    };

    private static string Past(string action) => action switch
    {
        "revoke" => "revoked",
        "suspend" => "suspended",
        "resume" => "resumed",
        "cancel" => "cancelled",
        _ => action,
    };
}
