namespace Vrps.Bench.AmenityBurst;

/// <param name="InFlight">Bookings issued at once, before the first answer.</param>
/// <param name="Confirmed">Answers that said confirmed: must equal the slot's capacity.</param>
/// <param name="Waitlisted">Answers that said waitlisted: must be every other booking.</param>
/// <param name="PositionsGapFree">The waitlisted answers' positions are exactly 1..Waitlisted.</param>
/// <param name="OrderedPairs">Pairs (A, B) where A was answered before B was sent: the client saw A come first.</param>
/// <param name="OrderViolations">Bookings B that did better than some booking answered before B was sent.</param>
internal sealed record AmenityBurstResult(
    string Mode,
    int InFlight,
    LoadResult Load,
    int Confirmed,
    int Waitlisted,
    bool PositionsGapFree,
    long OrderedPairs,
    long OrderViolations,
    double RatioToBaseline);
