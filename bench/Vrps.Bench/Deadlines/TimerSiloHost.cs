using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Vrps.Postgres.AdoNet;
using Vrps.Postgres.Deadlines;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// The child's Orleans silo: our ADO.NET clustering and migrations, plus exactly one timer provider, wired by the
/// product's own extension methods with the product's defaults (reminders only get the minimum period the run needs).
/// </summary>
internal static class TimerSiloHost
{
    public const string ClusterId = "bench-timers";

    /// <summary>The service the reminder rows belong to; the seeding writes it too.</summary>
    public const string ServiceId = "bench-timers";

    // Below the private Postgres' 200 connections with the scenario's own pool beside it.
    private const int PoolSize = 50;

    public static IHost Build(TimerSiloOptions options, FireLog log)
    {
        var pooled = new NpgsqlConnectionStringBuilder(options.ConnectionString) { MaxPoolSize = PoolSize }.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Standard output carries the protocol; every log line goes to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(static o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(new ReminderUsage(options.ReminderPeriod));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.UseOrleans(silo =>
        {
            silo.UsePostgresClustering(pooled);
            if (options.Provider == TimerProvider.Deadlines)
            {
                silo.AddPostgresDeadlines(pooled);
            }
            else
            {
                silo.UsePostgresReminders();
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = options.MinimumReminderPeriod);
            }

            // The endpoint is the scenario's to choose: a silo restarted after kill -9 comes back on the one it had,
            // as a restarted host would, so membership retires the dead incarnation at once.
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
            });
            silo.Configure<ClusterOptions>(static o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
        });
        return builder.Build();
    }
}
