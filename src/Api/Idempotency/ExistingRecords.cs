using System.Text.Json;
using Vrps.Interfaces.Amenities;
using Vrps.Postgres.Index;

namespace Vrps.Api.Idempotency;

/// <summary>
/// Whether the record a create request's derived id names (<see cref="IdempotentIds"/>) was already made by an earlier
/// attempt whose stored answer has expired. Every create with an Idempotency-Key asks before it acts, so concurrent
/// requests ask in one read per batch (<see cref="StatementBatcher{TItem, TResult}"/>) instead of one each: in the
/// amenity burst over HTTP that read was one of the three statements each booking cost (issue 13).
/// </summary>
internal sealed class ExistingRecords
{
    private readonly StatementBatcher<string, JsonElement?> bookings;

    public ExistingRecords(GrainIndex index)
    {
        bookings = new(async ids =>
        {
            var found = await index.FindAllAsync(AmenityIndexKinds.Booking, ids.Distinct(StringComparer.Ordinal).ToArray()).ConfigureAwait(false);
            return ids.Select(id => found.TryGetValue(id, out var item) ? item : (JsonElement?)null).ToArray();
        });
    }

    /// <summary>The booking's record, or null when no booking of that id exists.</summary>
    public Task<JsonElement?> BookingAsync(Guid bookingId) => bookings.RunAsync(bookingId.ToString("D"));
}
