using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Grains.Common;

namespace Vrps.Api.Idempotency;

/// <summary>
/// Periodic housekeeping on an Orleans reminder: a skipped or late tick only leaves expired keys a little longer, so
/// the stock reminder service (Postgres-backed) is the right tool, not one of our per-grain deadlines.
/// </summary>
[GrainType("idempotency_sweeper")]
internal sealed class IdempotencySweeperGrain(NpgsqlDataSource dataSource, ILogger<IdempotencySweeperGrain> logger)
    : VrpsGrain, IIdempotencySweeperGrain, IRemindable
{
    private const string SweepReminder = "sweep";

    private readonly IdempotencyStore store = new(dataSource);
    private bool scheduled;

    public async Task EnsureScheduledAsync()
    {
        if (scheduled)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(SweepReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        scheduled = true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        var swept = await store.DeleteCreatedBeforeAsync(TimeProvider.GetUtcNow() - IdempotencyStore.Retention, CancellationToken.None);
        if (swept > 0)
        {
            IdempotencyLog.Swept(logger, swept);
        }
    }
}
