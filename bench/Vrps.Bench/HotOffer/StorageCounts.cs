namespace Vrps.Bench.HotOffer;

internal sealed record StorageCounts(long StateReads, long CommittedWrites, long Transactions);
