namespace Vrps.Bench.HotOffer;

/// <param name="Issued">Passes that exist afterwards, counted in Postgres: must equal the offer's capacity.</param>
/// <param name="Refused">Claims refused as exhausted.</param>
internal sealed record HotOfferResult(string Mode, int Clients, LoadResult Load, long Issued, long Refused, double RatioToBaseline);
