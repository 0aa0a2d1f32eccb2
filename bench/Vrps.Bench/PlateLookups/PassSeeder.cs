using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Vrps.Bench.Common;
using Vrps.Grains.Claims;
using Vrps.Interfaces.Claims;
using Vrps.Interfaces.Occupancy;

namespace Vrps.Bench.PlateLookups;

/// <summary>
/// Fills a lot with active passes through the product's own claim protocol (offer, lot occupancy, pass, consumer), in
/// process and from many concurrent clients over several open offers, one new consumer and plate per pass. Each claim
/// carries an idempotency key, so a claim that failed is retried safely: the retry names the same pass.
/// </summary>
internal static class PassSeeder
{
    public const int Clients = 256;
    public const int Offers = 8;
    private const int Rounds = 3;

    /// <returns>The pass id of each plate, how long seeding took, and how many claims needed a retry.</returns>
    public static async Task<(Guid[] PassIds, TimeSpan Elapsed, int Retried)> SeedAsync(
        BenchSilo silo, Guid lotId, Guid passTypeId, IReadOnlyList<string> plates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(plates);
        var offers = new Guid[Offers];
        for (var i = 0; i < Offers; i++)
        {
            var offer = await silo.PostAsync($"/api/lots/{lotId}/offers", new { kind = "open", passTypeId }, cancellationToken).ConfigureAwait(false);
            offers[i] = offer.GetProperty("id").GetGuid();
        }

        var claims = silo.Services.GetRequiredService<ClaimCoordinator>();
        var passIds = new Guid[plates.Count];
        var pending = Enumerable.Range(0, plates.Count).ToArray();
        var retried = 0;
        string? lastError = null;
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < Rounds && pending.Length > 0; round++)
        {
            retried += round == 0 ? 0 : pending.Length;
            var load = await ClosedLoopDriver.RunAsync(
                pending,
                async i =>
                {
                    var request = new ClaimRequest(
                        offers[i % Offers], null, null, lotId, Phone(i), null, null, plates[i], string.Create(CultureInfo.InvariantCulture, $"seed-{i}"), Issuer: null);
                    passIds[i] = (await claims.ClaimAsync(request).ConfigureAwait(false)).Pass.Id;
                },
                pending.Length,
                Clients,
                cancellationToken).ConfigureAwait(false);
            lastError = load.FirstError ?? lastError;
            pending = pending.Where(i => passIds[i] == Guid.Empty).ToArray();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return pending.Length == 0
            ? (passIds, elapsed, retried)
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{pending.Length:N0} claims still failed after {Rounds} rounds: {lastError}"));
    }

    /// <summary>Waits until the lot's plate index holds every pass (pass events are delivered after the claims answered).</summary>
    public static async Task<TimeSpan> WaitForIndexAsync(BenchSilo silo, Guid lotId, int passes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var occupancy = silo.Grains.GetGrain<ILotOccupancyGrain>(lotId);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var view = await occupancy.GetAsync().ConfigureAwait(false);
            if (view.Active == passes && view.Pending == 0)
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"the lot's plate index holds {view.Active:N0} active passes and {view.Pending:N0} holds, not {passes:N0} and 0, after 2 minutes"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Phone(int i) => string.Create(CultureInfo.InvariantCulture, $"+17{i:D9}");
}
