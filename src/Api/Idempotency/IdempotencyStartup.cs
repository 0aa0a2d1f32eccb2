using Microsoft.Extensions.Hosting;

namespace Vrps.Api.Idempotency;

/// <summary>Schedules the idempotency-key sweep; registered after the runtime's own hosted service, so grains can be called.</summary>
internal sealed class IdempotencyStartup(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IIdempotencySweeperGrain>("singleton").EnsureScheduledAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
