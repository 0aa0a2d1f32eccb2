namespace Vrps.Interfaces.Reservations;

/// <summary>
/// A new reservation and its journey. <see cref="Timezone"/> and <see cref="Schedule"/> are the property's at booking
/// time: the journey keeps them so that later property edits do not rewrite a stay already planned.
/// </summary>
[Immutable]
public sealed record CreateReservation(
    Guid CustomerId,
    Guid PropertyId,
    string Timezone,
    string? GuestName,
    string? GuestEmail,
    string? GuestPhone,
    DateTimeOffset? CheckIn,
    DateTimeOffset? CheckOut,
    string? Channel,
    IReadOnlyList<TouchpointRule> Schedule);
