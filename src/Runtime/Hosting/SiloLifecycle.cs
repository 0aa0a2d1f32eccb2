using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vrps.Postgres.Migrations;
using Vrps.Runtime.Core;
using Vrps.Runtime.Reminders;
using Vrps.Runtime.Storage;
using Vrps.Runtime.Streams;

namespace Vrps.Runtime.Hosting;

/// <summary>
/// Starts the runtime in dependency order (schema, group commit, reminders, event pumps, idle collection) and stops
/// it in reverse, deactivating every grain and draining every queued write before the process exits.
/// </summary>
internal sealed class SiloLifecycle(
    MigrationRunner migrations,
    StateCommitter committer,
    GrainRuntime runtime,
    GrainTypeRegistry registry,
    ReminderService reminders,
    EventPumpService pumps,
    SiloStatus status,
    IOptions<RuntimeOptions> options,
    TimeProvider time,
    ILogger<SiloLifecycle> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private Task? collector;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await migrations.RunAsync(cancellationToken).ConfigureAwait(false);
        committer.EventsCommitted += pumps.WakeAll;
        committer.RemindersScheduled += reminders.OnScheduled;
        committer.Start();
        runtime.Resume();
        reminders.Start();
        pumps.Start();
        collector = Task.Run(CollectLoopAsync, CancellationToken.None);
        status.MarkReady();
        RuntimeLog.SiloStarted(logger, registry.All.Count(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        status.MarkStopping();
        await stopping.CancelAsync().ConfigureAwait(false);
        if (collector is not null)
        {
            await collector.ConfigureAwait(false);
        }

        await reminders.StopAsync().ConfigureAwait(false);
        await pumps.StopAsync().ConfigureAwait(false);
        try
        {
            await runtime.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out while a turn was still running; what was queued is still drained below.
            RuntimeLog.ShutdownTimedOut(logger, runtime.ActivationCount);
        }
        finally
        {
            await committer.StopAsync().ConfigureAwait(false);
            committer.Store.Stop();
        }
    }

    private async Task CollectLoopAsync()
    {
        var interval = options.Value.CollectionInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            runtime.CollectIdle(time.GetUtcNow());
        }
    }
}
