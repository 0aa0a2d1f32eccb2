
namespace Vrps.Interfaces.Reservations;

/// <summary>One reservation and its guest journey (1:1, G1): stages and touchpoints run on this grain's reminders.</summary>
public interface IReservationGrain : IGrainWithGuidKey
{
    Task<ReservationView> CreateAsync(CreateReservation command, Actor actor);

    [ReadOnly]
    Task<ReservationView> GetAsync();

    [ReadOnly]
    Task<JourneyView> GetJourneyAsync();

    /// <summary>New dates move the pending touchpoints and stage reminders (G4); only before check-out.</summary>
    Task<ReservationView> RescheduleAsync(DateTimeOffset? checkIn, DateTimeOffset? checkOut, Actor actor);

    Task<ReservationView> CheckInAsync(Actor actor);

    Task<ReservationView> CheckOutAsync(Actor actor);

    Task<ReservationView> ReviewAsync(int? rating, string? comment, Actor actor);

    Task<ReservationView> CancelAsync(Actor actor);

    Task<JourneyView> LogTouchpointAsync(LogTouchpoint command, Actor actor);
}
