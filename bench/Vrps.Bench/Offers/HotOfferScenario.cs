namespace Vrps.Bench.Offers;

/// <summary>
/// Brief §6, scenario 1: one group offer, many more claims than places, from many concurrent clients. Every claim
/// contends for the same counter, which is the case a single-row SQL design handles worst and a grain best.
/// </summary>
internal sealed class HotOfferScenario : IScenario
{
    public string Name => "hot-offer";

    public string Usage => "hot-offer [--quick] [--json PATH]    claims on one hot group offer: silo in-process and over HTTP vs a plain-SQL single-row claim";

    public Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        OfferClaimsBenchmark.RunAsync(Name, arguments, quick => quick
            ? new OfferClaimsShape("Hot group offer", 1, 2_000, 4_000)
            : new OfferClaimsShape("Hot group offer", 1, 20_000, 30_000), cancellationToken);
}
