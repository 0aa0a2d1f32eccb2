namespace Vrps.Interfaces.Amenities;

/// <param name="Position">Place in the slot's waitlist (1 = next in line) while waitlisted.</param>
/// <param name="HoldExpiresAt">While held: when the place passes to the next in line unless confirmed.</param>
[Immutable]
public sealed record BookingView(
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
    DateTimeOffset UpdatedAt);
