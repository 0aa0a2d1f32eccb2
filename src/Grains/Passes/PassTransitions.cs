using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Passes;

namespace Vrps.Grains.Passes;

/// <summary>The pass state machine (R10), as a pure function of the current status, and what each move announces.</summary>
public static class PassTransitions
{
    public const string Revoke = "revoke";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Cancel = "cancel";
    public const string MarkExpiringSoon = "expiring_soon";
    public const string Expire = "expire";

    /// <summary>Every action, for tests that walk the machine.</summary>
    public static IReadOnlyList<string> Actions { get; } = [Revoke, Suspend, Resume, Cancel, MarkExpiringSoon, Expire];

    public static string Next(string current, string action) => (action, current) switch
    {
        (Revoke, PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Suspended) => PassStatuses.Revoked,
        (Suspend, PassStatuses.Active or PassStatuses.ExpiringSoon) => PassStatuses.Suspended,
        (Resume, PassStatuses.Suspended) => PassStatuses.Active,
        (Cancel, PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Suspended) => PassStatuses.Cancelled,
        (MarkExpiringSoon, PassStatuses.Active) => PassStatuses.ExpiringSoon,
        (Expire, PassStatuses.Active or PassStatuses.ExpiringSoon or PassStatuses.Suspended) => PassStatuses.Expired,
        _ => throw new DomainException("invalid_transition", $"A pass that is {current} cannot be {Past(action)}.", DomainErrorKind.Conflict),
    };

    /// <summary>
    /// The event a move publishes. It follows the action, not the status reached: a resume lands on "active" yet is
    /// announced as <see cref="EventTypes.PassResumed"/> (issue 9); a move that lands past the pass's end is its expiry.
    /// </summary>
    public static string EventType(string action, string next) => next == PassStatuses.Expired
        ? EventTypes.PassExpired
        : action switch
        {
            Revoke => EventTypes.PassRevoked,
            Suspend => EventTypes.PassSuspended,
            Resume => EventTypes.PassResumed,
            Cancel => EventTypes.PassCancelled,
            MarkExpiringSoon => EventTypes.PassExpiringSoon,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a pass action."),
        };

    /// <summary>The audit action of a move made by someone (reminder-driven moves are not audited).</summary>
    public static string AuditAction(string action, string next) => next == PassStatuses.Expired
        ? AuditActions.Expired
        : action switch
        {
            Revoke => AuditActions.Revoked,
            Suspend => AuditActions.Suspended,
            Resume => AuditActions.Resumed,
            Cancel => AuditActions.Cancelled,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a pass action taken by a caller."),
        };

    private static string Past(string action) => action switch
    {
        Revoke => "revoked",
        Suspend => "suspended",
        Resume => "resumed",
        Cancel => "cancelled",
        _ => action,
    };
}
