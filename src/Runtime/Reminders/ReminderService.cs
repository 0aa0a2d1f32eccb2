using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vrps.Runtime.Core;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Reminders;

/// <summary>
/// Fires durable reminders. It keeps nothing in memory but the next due time: each poll claims the rows that are due
/// (indexed), fires them as grain turns, and records the outcomes in batches. At-least-once: a silo that dies after
/// claiming leaves a lease that lapses, and a reminder that fell due while no silo ran fires on the next start.
/// </summary>
internal sealed partial class ReminderService
{
    private readonly NpgsqlDataSource dataSource;
    private readonly GrainRuntime runtime;
    private readonly RuntimeOptions options;
    private readonly RuntimeMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly AsyncSignal wake = new();
    private readonly Channel<ReminderOutcome> outcomes = Channel.CreateUnbounded<ReminderOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim inFlight;
    private readonly CancellationTokenSource stopping = new();
    private long plannedWakeTicks = long.MaxValue;
    private Task? pollLoop;
    private Task? outcomeLoop;

    public ReminderService(NpgsqlDataSource dataSource, GrainRuntime runtime, RuntimeOptions options, RuntimeMetrics metrics, TimeProvider time, ILogger logger)
    {
        this.dataSource = dataSource;
        this.runtime = runtime;
        this.options = options;
        this.metrics = metrics;
        this.time = time;
        this.logger = logger;
        inFlight = new SemaphoreSlim(options.MaxConcurrentReminderFires);
    }

    public void Start()
    {
        pollLoop ??= Task.Run(PollLoopAsync);
        outcomeLoop ??= Task.Run(OutcomeLoopAsync);
    }

    /// <summary>A commit scheduled a reminder: wake the loop if it is due before the loop planned to look again.</summary>
    public void OnScheduled(DateTimeOffset dueAt)
    {
        if (dueAt.UtcTicks < Interlocked.Read(ref plannedWakeTicks))
        {
            wake.Set();
        }
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (pollLoop is not null)
        {
            await pollLoop.ConfigureAwait(false);
        }

        // Let fires already handed to grains finish, so their outcomes are recorded before we stop.
        for (var i = 0; i < options.MaxConcurrentReminderFires; i++)
        {
            await inFlight.WaitAsync().ConfigureAwait(false);
        }

        outcomes.Writer.TryComplete();
        if (outcomeLoop is not null)
        {
            await outcomeLoop.ConfigureAwait(false);
        }
    }

    private async Task PollLoopAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                var now = time.GetUtcNow();
                Interlocked.Exchange(ref plannedWakeTicks, long.MaxValue);
                var claimed = await ClaimAsync(now).ConfigureAwait(false);
                foreach (var reminder in claimed)
                {
                    await inFlight.WaitAsync(token).ConfigureAwait(false);
                    _ = FireAsync(reminder);
                }

                if (claimed.Count == options.ReminderBatchSize)
                {
                    continue;
                }

                var next = await NextDueAsync(now).ConfigureAwait(false);
                delay = next is { } due ? due - time.GetUtcNow() : options.ReminderPollInterval;
                if (delay > options.ReminderPollInterval)
                {
                    delay = options.ReminderPollInterval;
                }

                Interlocked.Exchange(ref plannedWakeTicks, (time.GetUtcNow() + delay).UtcTicks);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                ReminderLog.PollFailed(logger, exception);
                delay = options.ReminderPollInterval;
                Interlocked.Exchange(ref plannedWakeTicks, long.MaxValue);
            }

            await wake.WaitAsync(delay, token).ConfigureAwait(false);
        }
    }

    private async Task<List<ClaimedReminder>> ClaimAsync(DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(ReminderSql.Claim);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", options.ReminderBatchSize);
        command.Parameters.AddWithValue("lease", options.ReminderLease);
        var claimed = new List<ClaimedReminder>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            claimed.Add(new ClaimedReminder(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.GetInt64(5)));
        }

        claimed.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    private async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(ReminderSql.NextDue);
        command.Parameters.AddWithValue("now", now);
        var result = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return result is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : result as DateTimeOffset?;
    }

    private async Task FireAsync(ClaimedReminder reminder)
    {
        try
        {
            var firedAt = time.GetUtcNow();
            metrics.ReminderFired(firedAt - reminder.DueAt);
            var status = new TickStatus(reminder.DueAt, reminder.Period, firedAt);
            var message = new Message<object?>($"reminder:{reminder.Name}", async grain =>
            {
                if (grain is not IRemindable remindable)
                {
                    throw new InvalidOperationException($"Grain {grain.GrainId} has reminder '{reminder.Name}' but does not implement IRemindable.");
                }

                await remindable.ReceiveReminder(reminder.Name, status);
                return null;
            });
            runtime.Dispatch(reminder.Grain, message);
            await message.Reply.WaitAsync(options.CallTimeout).ConfigureAwait(false);
            outcomes.Writer.TryWrite(new ReminderOutcome(reminder, true, NextTick(reminder, time.GetUtcNow())));
        }
        catch (Exception exception)
        {
            ReminderLog.FireFailed(logger, reminder.Grain.ToString(), reminder.Name, exception);
            outcomes.Writer.TryWrite(new ReminderOutcome(reminder, false, null));
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>The first tick on the reminder's period grid after now: a late tick fires once, not once per missed period.</summary>
    private static DateTimeOffset? NextTick(ClaimedReminder reminder, DateTimeOffset now)
    {
        if (reminder.Period is not { } period)
        {
            return null;
        }

        var next = reminder.DueAt + period;
        if (next < now)
        {
            var behind = (now - next).Ticks;
            next += TimeSpan.FromTicks(period.Ticks * ((behind + period.Ticks - 1) / period.Ticks));
        }

        return next;
    }
}
