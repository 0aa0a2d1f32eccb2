using Vrps.Interfaces.Amenities;

namespace Vrps.Grains.Amenities;

/// <summary>
/// A booking's grain index row: the fields of its <see cref="BookingView"/> (which the API reads back from the row, so
/// the two must keep the same names), and what the amenity needs to rebuild its open bookings on activation.
/// </summary>
/// <param name="Arrival">The amenity's arrival order (A4); null only on rows written before bookings left the amenity's state.</param>
/// <param name="LocalDate">The local date of the start, which the unit quotas count against.</param>
internal sealed record BookingRow(
    Guid Id,
    Guid AmenityId,
    Guid PropertyId,
    Guid CustomerId,
    Guid UnitId,
    string Resident,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    int? Position,
    DateTimeOffset? HoldExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long? Arrival,
    DateOnly? LocalDate)
{
    /// <summary>The row fields an activation reads back (Postgres trims each row to them).</summary>
    public static IReadOnlyList<string> OpenFields { get; } =
        ["id", "unitId", "resident", "start", "end", "status", "holdExpiresAt", "createdAt", "updatedAt", "arrival", "localDate"];

    /// <summary>The open booking this row records, as the amenity keeps it in memory.</summary>
    /// <param name="timezone">The amenity's, for rows that predate <see cref="LocalDate"/>.</param>
    public BookingEntry Entry(string timezone) => new()
    {
        UnitId = UnitId,
        Resident = Resident,
        Start = Start,
        End = End,
        LocalDate = LocalDate ?? AmenityCalendar.LocalDate(Start, timezone),
        Status = Status,
        HoldExpiresAt = HoldExpiresAt,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Arrival = Arrival ?? 0,
    };

    public BookingView View() =>
        new(Id, AmenityId, PropertyId, CustomerId, UnitId, Resident, Start, End, Status, Position, HoldExpiresAt, CreatedAt, UpdatedAt);
}
