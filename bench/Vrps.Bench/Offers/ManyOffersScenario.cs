namespace Vrps.Bench.Offers;

/// <summary>
/// Issue 6, scenario 2: 1,000 group offers with claims spread across them — no single hot row, so the baseline is at
/// its best and the silo's cost per claim (and how well its commits batch) shows plainly.
/// </summary>
internal sealed class ManyOffersScenario : IScenario
{
    public string Name => "many-offers";

    public string Usage => "many-offers [--quick] [--json PATH]  claims spread across 1,000 group offers: throughput and storage batch sizes vs plain SQL";

    public Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        OfferClaimsBenchmark.RunAsync(Name, arguments, quick => quick
            ? new OfferClaimsShape("Many offers", 1_000, 2, 4_000)
            : new OfferClaimsShape("Many offers", 1_000, 20, 30_000), cancellationToken);
}
