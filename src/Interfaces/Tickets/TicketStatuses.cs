namespace Vrps.Interfaces.Tickets;

public static class TicketStatuses
{
    public const string New = "new";
    public const string Assigned = "assigned";
    public const string InProgress = "in_progress";
    public const string OnHold = "on_hold";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    /// <summary>Every value, for the API document's enums.</summary>
    public static IReadOnlyList<string> All { get; } = [New, Assigned, InProgress, OnHold, Resolved, Closed, Cancelled];
}
