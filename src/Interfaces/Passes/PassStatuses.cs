namespace Vrps.Interfaces.Passes;

public static class PassStatuses
{
    public const string Active = "active";
    public const string ExpiringSoon = "expiring_soon";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    public const string Suspended = "suspended";
    public const string Cancelled = "cancelled";
    public const string Abandoned = "abandoned";

    /// <summary>Every value, for the API document's enums.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, ExpiringSoon, Expired, Revoked, Suspended, Cancelled, Abandoned];

    /// <summary>Statuses that hold a place in the lot and the unit.</summary>
    public static bool HoldsCapacity(string status) => status is Active or ExpiringSoon or Suspended;

    /// <summary>The statuses of <see cref="HoldsCapacity"/>, for queries.</summary>
    public static IReadOnlyList<string> HoldingCapacity { get; } = [Active, ExpiringSoon, Suspended];

    /// <summary>Statuses under which the plate may park.</summary>
    public static bool Authorizes(string status) => status is Active or ExpiringSoon;
}
