using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vrps.Bench.Grains;
using Vrps.Runtime.Hosting;

namespace Vrps.Bench.Reminders;

/// <summary>
/// The bare runtime (no API) with <see cref="ReminderBenchGrain"/>, on the product's default options: what a user gets.
/// No default configuration sources, so no environment variable can change a reminder setting unnoticed.
/// </summary>
internal sealed class ReminderSilo : IAsyncDisposable
{
    private readonly IHost host;
    private bool stopped;
    private bool disposed;

    private ReminderSilo(IHost host, long startedTimestamp, TimeSpan startDuration)
    {
        this.host = host;
        StartedTimestamp = startedTimestamp;
        StartDuration = startDuration;
    }

    /// <summary>Stopwatch timestamp of the StartAsync call.</summary>
    public long StartedTimestamp { get; }

    /// <summary>From the StartAsync call until it returned: schema checked, loops started, ready.</summary>
    public TimeSpan StartDuration { get; }

    public RuntimeOptions Options => host.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value;

    public static async Task<ReminderSilo> StartAsync(string connectionString, ReminderFireLog log, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(log);
        builder.Services.AddVrpsRuntime(connectionString).AddGrain<ReminderBenchGrain>();
        var host = builder.Build();
        try
        {
            var started = Stopwatch.GetTimestamp();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new ReminderSilo(host, started, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the silo: fires in flight finish and their outcomes are recorded, every grain deactivates.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            await StopAsync().ConfigureAwait(false);
            host.Dispose();
        }
    }
}
