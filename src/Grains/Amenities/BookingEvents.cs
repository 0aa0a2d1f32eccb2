using Vrps.Interfaces.Amenities;
using Vrps.Interfaces.Events;

namespace Vrps.Grains.Amenities;

/// <summary>The event a booking publishes on reaching each status.</summary>
public static class BookingEvents
{
    public static string For(string status) => status switch
    {
        BookingStatuses.PendingApproval => EventTypes.BookingPendingApproval,
        BookingStatuses.Confirmed => EventTypes.BookingConfirmed,
        BookingStatuses.Waitlisted => EventTypes.BookingWaitlisted,
        BookingStatuses.Held => EventTypes.BookingHeld,
        BookingStatuses.CheckedIn => EventTypes.BookingCheckedIn,
        BookingStatuses.Completed => EventTypes.BookingCompleted,
        BookingStatuses.Cancelled => EventTypes.BookingCancelled,
        BookingStatuses.Rejected => EventTypes.BookingRejected,
        BookingStatuses.NoShow => EventTypes.BookingNoShow,
        BookingStatuses.HoldExpired => EventTypes.BookingHoldExpired,
        BookingStatuses.Expired => EventTypes.BookingExpired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a booking status."),
    };
}
