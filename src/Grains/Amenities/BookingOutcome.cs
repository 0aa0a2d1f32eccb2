using Vrps.Interfaces.Amenities;

namespace Vrps.Grains.Amenities;

/// <param name="Booking">The booking acted on, as it stands after the decision.</param>
/// <param name="Changes">Every booking whose status moved, as its new row, in the order it moved (the acted-on one and any promoted from the waitlist).</param>
internal sealed record BookingOutcome(BookingView Booking, IReadOnlyList<BookingRow> Changes);
