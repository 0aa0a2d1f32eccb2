namespace Vrps.Interfaces.Amenities;

public static class BookingStatuses
{
    public const string PendingApproval = "pending_approval";
    public const string Confirmed = "confirmed";
    public const string Waitlisted = "waitlisted";
    public const string Held = "held";
    public const string CheckedIn = "checked_in";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
    public const string NoShow = "no_show";
    public const string HoldExpired = "hold_expired";
    public const string Expired = "expired";

    /// <summary>Every value, for the API document's enums.</summary>
    public static IReadOnlyList<string> All { get; } = [PendingApproval, Confirmed, Waitlisted, Held, CheckedIn, Completed, Cancelled, Rejected, NoShow, HoldExpired, Expired];

    /// <summary>Statuses that occupy one of the slot's places (A3 counts these against capacity).</summary>
    public static bool TakesPlace(string status) => status is PendingApproval or Confirmed or Held or CheckedIn;

    /// <summary>Statuses after which nothing can happen to the booking any more.</summary>
    public static bool IsFinal(string status) => status is Completed or Cancelled or Rejected or NoShow or HoldExpired or Expired;
}
