namespace Vrps.Interfaces.Tickets;

public static class TicketPriorities
{
    public static IReadOnlyList<string> All { get; } = ["emergency", "urgent", "high", "normal", "low"];
}
