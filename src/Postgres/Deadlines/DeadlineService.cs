using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Vrps.Postgres.Deadlines;

/// <summary>
/// Fires durable deadlines, one instance per silo, started and stopped with the silo. It keeps nothing in memory but
/// the next due time: each poll claims the rows that are due (indexed, SKIP LOCKED, leased on the database clock),
/// fires them as grain calls, and records the outcomes in batches. At-least-once: a silo that dies after claiming
/// leaves a lease that lapses, and a deadline that fell due while no silo ran is claimed by the first poll after start.
/// </summary>
internal sealed partial class DeadlineService : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly IGrainFactory grains;
    private readonly DeadlineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DeadlineService> logger;
    private readonly DeadlineMetrics metrics;
    private readonly WakeSignal wake = new();
    private readonly Channel<DeadlineOutcome> outcomes = Channel.CreateUnbounded<DeadlineOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim inFlight;
    private readonly CancellationTokenSource stopping = new();
    private readonly ITimer dueTimer;
    private Task? pollLoop;
    private Task? outcomeLoop;
    private Task? listenLoop;

    public DeadlineService(
        NpgsqlDataSource dataSource,
        IGrainFactory grains,
        IOptions<DeadlineOptions> options,
        TimeProvider time,
        DeadlineMetrics metrics,
        ILogger<DeadlineService> logger)
    {
        this.dataSource = dataSource;
        this.grains = grains;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics;
        inFlight = new SemaphoreSlim(this.options.MaxConcurrentFires);

        // Due times are business time: a timer on the injected clock wakes the loop when the next one falls due, so a
        // test that moves a fake clock is noticed at once.
        dueTimer = time.CreateTimer(static state => ((WakeSignal)state!).Set(), wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Active: grains can be called, and on the way down the loops stop before grains are deactivated.
        lifecycle.Subscribe(nameof(DeadlineService), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    public void Dispose()
    {
        // inFlight stays undisposed: a fire abandoned by a silo that stopped ungracefully may still release it later.
        dueTimer.Dispose();
        stopping.Dispose();
        wake.Dispose();
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        pollLoop ??= Task.Run(PollLoopAsync, CancellationToken.None);
        outcomeLoop ??= Task.Run(OutcomeLoopAsync, CancellationToken.None);
        listenLoop ??= Task.Run(ListenLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        dueTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var loop in new[] { pollLoop, listenLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(false);
            }
        }

        // Let fires already handed to grains finish, so their outcomes are recorded; one still running when the silo
        // gives up on stopping keeps its lease, which lapses, and fires again elsewhere.
        try
        {
            for (var i = 0; i < options.MaxConcurrentFires; i++)
            {
                await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        outcomes.Writer.TryComplete();
        if (outcomeLoop is not null)
        {
            try
            {
                await outcomeLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Unrecorded outcomes only mean those deadlines fire again once their leases lapse.
            }
        }
    }

    private async Task PollLoopAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var delay = options.PollInterval;
            try
            {
                if (inFlight.CurrentCount == 0)
                {
                    // Every slot is busy: claiming now would only hold leases for fires that cannot start.
                    await inFlight.WaitAsync(token).ConfigureAwait(false);
                    inFlight.Release();
                }

                var now = time.GetUtcNow();
                var limit = Math.Min(options.BatchSize, inFlight.CurrentCount);
                var claimed = await ClaimAsync(now, limit, token).ConfigureAwait(false);
                foreach (var deadline in claimed)
                {
                    await inFlight.WaitAsync(token).ConfigureAwait(false);
                    _ = FireAsync(deadline);
                }

                if (limit > 0 && claimed.Count == limit)
                {
                    continue;
                }

                if (await NextDueAsync(now, token).ConfigureAwait(false) is { } next)
                {
                    var untilDue = next - time.GetUtcNow();
                    dueTimer.Change(untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    dueTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                DeadlineLog.PollFailed(logger, exception);
            }

            // The real-time bound finds leases and retry delays lapsing on the database clock; the due timer, a commit's
            // notification and the bound itself, whichever comes first, start the next poll.
            try
            {
                await wake.WaitAsync(delay, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<List<ClaimedDeadline>> ClaimAsync(DateTimeOffset now, int limit, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(DeadlineSql.Claim);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("lease", options.Lease);
        var claimed = new List<ClaimedDeadline>();
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            claimed.Add(new ClaimedDeadline(
                GrainId.Create(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt64(4)));
        }

        claimed.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    private async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(DeadlineSql.NextDue);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        return await reader.ReadAsync(token).ConfigureAwait(false) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    private async Task FireAsync(ClaimedDeadline deadline)
    {
        try
        {
            await grains.GetGrain<IDeadlineReceiver>(deadline.Grain).OnDeadlineAsync(deadline.Name, deadline.DueAt).ConfigureAwait(false);
            metrics.Fired(time.GetUtcNow() - deadline.DueAt);
            outcomes.Writer.TryWrite(new DeadlineOutcome(deadline, Fired: true));
        }
        catch (Exception exception)
        {
            metrics.Failed();
            DeadlineLog.FireFailed(logger, deadline.Grain.ToString(), deadline.Name, exception);
            outcomes.Writer.TryWrite(new DeadlineOutcome(deadline, Fired: false));
        }
        finally
        {
            inFlight.Release();
        }
    }
}
