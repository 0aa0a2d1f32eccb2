using Microsoft.Extensions.Logging;
using Vrps.Postgres.Hosting;

namespace Vrps.Bench.Common;

/// <summary>
/// A private, durable (fsync on) Postgres for one scenario, started from the machine's binaries and removed with its
/// data when disposed. Baseline and silo of a scenario share it, so their ratio compares designs, not databases.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly LocalPostgres postgres;
    private readonly string dataDirectory;

    private BenchPostgres(LocalPostgres postgres, string dataDirectory, ILoggerFactory loggerFactory)
    {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        LoggerFactory = loggerFactory;
    }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>CPU time this process and this Postgres have used so far.</summary>
    public CpuTimes CpuNow() => CpuTimes.Now(Path.Combine(dataDirectory, "pgdata"));

    public static async Task<BenchPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(static logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"vrps-bench-{Guid.NewGuid():N}");
        var postgres = await LocalPostgres.StartAsync(
            new LocalPostgresOptions { DataDirectory = dataDirectory, Durable = true }, loggerFactory.CreateLogger<LocalPostgres>(), cancellationToken).ConfigureAwait(false);
        return new BenchPostgres(postgres, dataDirectory, loggerFactory);
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken) => postgres.CreateDatabaseAsync(name, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await postgres.DisposeAsync().ConfigureAwait(false);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        LoggerFactory.Dispose();
    }
}
