using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Vrps.Postgres.Deadlines;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// The bench executable as a timer silo (<c>deadlines --silo …</c>): a process of its own, so that its memory is the
/// silo's alone and the scenario can kill it with SIGKILL. It starts, reports <see cref="SiloProtocol.Ready"/>, then
/// serves the scenario's commands until told to stop or its input closes.
/// </summary>
internal static class TimerSiloProcess
{
    // Grain calls in flight while arming: enough to keep the provider's table busy, few enough to arm in due order.
    private const int ArmConcurrency = 64;
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var options = TimerSiloOptions.Parse(arguments);
        var time = TimeProvider.System;
        var output = new ProtocolWriter(Console.OpenStandardOutput());
        await using (output.ConfigureAwait(false))
        {
            using var watch = new ReminderServiceWatch(time);
            using var host = TimerSiloHost.Build(options, new FireLog(output));
            var starting = time.GetUtcNow();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var started = time.GetUtcNow();
            var loaded = options.Provider == TimerProvider.Reminders
                ? await watch.Started.WaitAsync(LoadTimeout, cancellationToken).ConfigureAwait(false)
                : started;
            var ready = new SiloReady(starting, started, loaded, SiloMemory.Measure(), SettingsOf(host.Services, options));
            output.Send($"{SiloProtocol.Ready} {JsonSerializer.Serialize(ready)}");

            var grains = host.Services.GetRequiredService<IGrainFactory>();
            while (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var parts = line.Split(' ');
                if (parts[0] == SiloProtocol.Stop)
                {
                    break;
                }

                if (parts[0] == SiloProtocol.Arm)
                {
                    output.Send(await ArmAsync(grains, options.Provider, parts).ConfigureAwait(false));
                }
            }

            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<string> ArmAsync(IGrainFactory grains, TimerProvider provider, string[] command)
    {
        var prefix = command[1];
        var count = int.Parse(command[2], CultureInfo.InvariantCulture);
        var firstDue = new DateTimeOffset(long.Parse(command[3], CultureInfo.InvariantCulture), TimeSpan.Zero);
        var spacing = TimeSpan.FromTicks(long.Parse(command[4], CultureInfo.InvariantCulture));
        var grainType = TimerKeys.GrainTypeOf(provider);
        var next = -1;
        var failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();

        // In due order: the earliest timers are stored first, so arming finishes as early as it can before they fall due.
        async Task ArmNextAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    var grain = grains.GetGrain<ITimerGrain>(GrainId.Create(grainType, TimerKeys.Of(prefix, index)));
                    await grain.ArmAsync(firstDue + (spacing * index)).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    if (Interlocked.Increment(ref failed) == 1)
                    {
                        firstError = $"{exception.GetType().Name}: {exception.Message}".ReplaceLineEndings(" ");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(ArmConcurrency, count)).Select(_ => ArmNextAsync())).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"{SiloProtocol.Armed} {count - failed} {failed} {clock.Elapsed.TotalMilliseconds:0} {firstError}").TrimEnd();
    }

    private static Dictionary<string, string> SettingsOf(IServiceProvider services, TimerSiloOptions options)
    {
        string Of(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
        if (options.Provider == TimerProvider.Deadlines)
        {
            var deadlines = services.GetRequiredService<IOptions<DeadlineOptions>>().Value;
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [nameof(DeadlineOptions.PollInterval)] = Of(deadlines.PollInterval),
                [nameof(DeadlineOptions.Lease)] = Of(deadlines.Lease),
                [nameof(DeadlineOptions.BatchSize)] = deadlines.BatchSize.ToString(CultureInfo.InvariantCulture),
                [nameof(DeadlineOptions.MaxConcurrentFires)] = deadlines.MaxConcurrentFires.ToString(CultureInfo.InvariantCulture),
                [nameof(DeadlineOptions.RetryDelay)] = Of(deadlines.RetryDelay),
            };
        }

        var reminders = services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(ReminderUsage.Period)] = Of(options.ReminderPeriod),
            [nameof(ReminderOptions.MinimumReminderPeriod)] = Of(reminders.MinimumReminderPeriod),
            [nameof(ReminderOptions.RefreshReminderListPeriod)] = Of(reminders.RefreshReminderListPeriod),
            [nameof(ReminderOptions.ReminderLoadingWindow)] = Of(reminders.ReminderLoadingWindow),
            [nameof(ReminderOptions.InitializationTimeout)] = Of(reminders.InitializationTimeout),
        };
    }
}
