namespace Vrps.Bench.HotOffer;

/// <param name="Issued">Passes that exist afterwards, counted in Postgres: must equal the offer's capacity.</param>
/// <param name="Refused">Claims refused as exhausted.</param>
/// <param name="Storage">For silo modes: state reads, committed writes and transactions during the run.</param>
internal sealed record HotOfferResult(string Mode, int Clients, LoadResult Load, long Issued, long Refused, double RatioToBaseline, StorageCounts? Storage = null);
