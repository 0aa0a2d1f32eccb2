namespace Vrps.Interfaces.Tickets;

/// <summary>One weekday's open window in the property's local time ("09:00"–"17:00"; "24:00" closes at midnight).</summary>
[Immutable]
public sealed record SlaBusinessHours(string Day, string Open, string Close);
