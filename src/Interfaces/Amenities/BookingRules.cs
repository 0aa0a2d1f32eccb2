namespace Vrps.Interfaces.Amenities;

/// <param name="WaitlistHoldMinutes">How long a place freed for the first in line is held for them (default 15).</param>
/// <param name="AutoBookFromWaitlist">A freed place confirms the first in line directly instead of holding it.</param>
[Immutable]
public sealed record BookingRules(
    UnitQuota? MaxBookingsPerUnit,
    int? MinLeadMinutes,
    int? MaxDaysAhead,
    int? MaxDurationMinutes,
    int? CancellationCutoffMinutes,
    bool RequiresApproval,
    int? WaitlistHoldMinutes,
    bool AutoBookFromWaitlist);
