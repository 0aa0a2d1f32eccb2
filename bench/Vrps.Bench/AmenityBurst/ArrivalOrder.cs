using System.Globalization;

namespace Vrps.Bench.AmenityBurst;

/// <summary>
/// Checks that a burst's outcomes respect arrival order (A4). What a client can prove from outside: when booking A was
/// answered before booking B was sent, A reached the judge first, so B must not do better than A (a confirmed B after a
/// waitlisted A, or a smaller position). When the issue order is the arrival order (in-process calls enqueue
/// synchronously), the outcome of every booking is known exactly.
/// </summary>
internal static class ArrivalOrder
{
    /// <summary>Counts the confirmed and waitlisted answers and whether the positions are exactly 1..waitlisted.</summary>
    public static (int Confirmed, int Waitlisted, bool GapFree) Positions(IReadOnlyCollection<BookingOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var confirmed = outcomes.Count(static o => o.Status == BookingOutcome.Confirmed);
        var positions = outcomes.Where(static o => o.Status == BookingOutcome.Waitlisted).Select(static o => o.Position ?? 0).Order().ToList();
        var gapFree = positions.Select(static (p, i) => p == i + 1).All(static ok => ok);
        return (confirmed, positions.Count, gapFree);
    }

    /// <summary>
    /// Sweeps the bookings in send order over the answers in answer order: every answer before a send is a booking
    /// that arrived earlier. Returns the number of such ordered pairs and the bookings that overtook one of them.
    /// </summary>
    public static (long Pairs, long Violations) Causal(IReadOnlyCollection<BookingOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var bySend = outcomes.OrderBy(static o => o.SentAt).ToArray();
        var byAnswer = outcomes.OrderBy(static o => o.AnsweredAt).ToArray();
        long pairs = 0;
        long violations = 0;
        var answered = 0;
        var worstEarlierRank = -1;
        foreach (var booking in bySend)
        {
            while (answered < byAnswer.Length && byAnswer[answered].AnsweredAt < booking.SentAt)
            {
                worstEarlierRank = Math.Max(worstEarlierRank, byAnswer[answered].Rank);
                answered++;
            }

            pairs += answered;

            // A confirmed booking ranks 0 and may follow other confirmed ones; a waitlisted one must come after them all.
            if (answered > 0 && (booking.Rank == 0 ? worstEarlierRank > 0 : booking.Rank <= worstEarlierRank))
            {
                violations++;
            }
        }

        return (pairs, violations);
    }

    /// <summary>With issue order = arrival order: booking i is confirmed for i &lt; capacity, else waitlisted at i - capacity + 1.</summary>
    public static BurstCheck Exact(string mode, IReadOnlyList<BookingOutcome?> outcomes, int capacity)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var wrong = 0;
        string? first = null;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            var ok = outcome is not null && (i < capacity
                ? outcome.Status == BookingOutcome.Confirmed
                : outcome.Status == BookingOutcome.Waitlisted && outcome.Position == i - capacity + 1);
            if (!ok)
            {
                wrong++;
                first ??= string.Create(CultureInfo.InvariantCulture, $"booking #{i} answered {outcome?.Status ?? "nothing"} at position {outcome?.Position}");
            }
        }

        return new BurstCheck(mode, "outcome of booking #i is exactly its place in issue order", wrong == 0,
            wrong == 0 ? "every booking" : string.Create(CultureInfo.InvariantCulture, $"{wrong:N0} differ; first: {first}"));
    }
}
