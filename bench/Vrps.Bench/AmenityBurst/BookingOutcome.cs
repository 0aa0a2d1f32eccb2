namespace Vrps.Bench.AmenityBurst;

/// <summary>
/// What one booking of the burst got back, with the Stopwatch timestamps of its sending and of its answer, so that the
/// order of outcomes can be checked against what the client could observe.
/// </summary>
/// <param name="Position">Place in the waitlist (1 = next in line) when waitlisted; null otherwise.</param>
internal sealed record BookingOutcome(Guid BookingId, string Status, int? Position, long SentAt, long AnsweredAt)
{
    public const string Confirmed = "confirmed";
    public const string Waitlisted = "waitlisted";

    /// <summary>0 for a confirmed booking, its position for a waitlisted one: a smaller rank means it came earlier.</summary>
    public int Rank => Status == Confirmed ? 0 : Position ?? int.MaxValue;
}
