using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vrps.Runtime;
using Vrps.Runtime.Core;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Metrics;

namespace Vrps.Runtime.Tests;

/// <summary>A real silo (runtime, group commit, reminders, streams) on a real Postgres database, in this process.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;
    private bool stopped;

    private TestSilo(IHost host)
    {
        this.host = host;
    }

    public IServiceProvider Services => host.Services;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => host.Services.GetRequiredService<GrainRuntime>();

    public RuntimeMetrics Metrics => host.Services.GetRequiredService<RuntimeMetrics>();

    /// <summary>Fast loops for tests: real-time polling intervals are short so that time moved on a fake clock is noticed quickly.</summary>
    public static void TestDefaults(RuntimeOptions options)
    {
        options.CollectionInterval = TimeSpan.FromMilliseconds(50);
        options.ReminderPollInterval = TimeSpan.FromMilliseconds(50);
        options.EventPollInterval = TimeSpan.FromMilliseconds(100);
        options.EventRetryMaxDelay = TimeSpan.FromMilliseconds(200);
        options.ReminderRetryDelay = TimeSpan.FromMilliseconds(200);
        options.CallTimeout = TimeSpan.FromSeconds(20);
    }

    public static async Task<TestSilo> StartAsync(
        string connectionString,
        Action<RuntimeBuilder> register,
        Action<RuntimeOptions>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        var runtime = builder.Services.AddVrpsRuntime(connectionString, options =>
        {
            TestDefaults(options);
            configure?.Invoke(options);
        });
        register(runtime);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new TestSilo(host);
    }

    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
