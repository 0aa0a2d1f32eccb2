using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Runtime;

namespace Vrps.Api.Idempotency;

[GrainType("idempotency_sweeper")]
internal sealed class IdempotencySweeperGrain(NpgsqlDataSource dataSource, ILogger<IdempotencySweeperGrain> logger)
    : Grain, IIdempotencySweeperGrain, IRemindable
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

        await RegisterOrUpdateReminder(SweepReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
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
