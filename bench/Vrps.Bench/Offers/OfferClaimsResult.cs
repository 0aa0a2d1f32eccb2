using Vrps.Bench.Common;

namespace Vrps.Bench.Offers;

/// <param name="Issued">Passes that exist afterwards, counted in Postgres: must equal the offers' total capacity.</param>
/// <param name="Refused">Claims refused as exhausted.</param>
/// <param name="Storage">For silo modes: state reads, committed writes and transactions during the run.</param>
/// <param name="Cpu">CPU time of the bench process (driver, and the silo when hosted in it) and of Postgres during the run.</param>
/// <param name="Jit">Time the JIT spent compiling during the run (after the warm-up and the wait for the JIT to settle).</param>
/// <param name="Gc">For silo modes: the bench process's garbage collections during the run (the silo runs in it).</param>
internal sealed record OfferClaimsResult(string Mode, int Clients, LoadResult Load, long Issued, long Refused, double RatioToBaseline, CpuTimes Cpu, TimeSpan Jit, StorageCounts? Storage = null, GcCounts? Gc = null);
