namespace Vrps.Bench.Offers;

internal sealed record StorageCounts(long StateReads, long CommittedWrites, long Transactions, TimeSpan CommitTime);
