using System.Runtime.InteropServices;
using Npgsql;

namespace Vrps.Bench.Common;

/// <summary>
/// What the numbers were measured on: durability settings, since they bound commit latency, and the load average,
/// since other work on a small machine moves every number.
/// </summary>
internal sealed record EnvironmentInfo(
    int ProcessorCount,
    long TotalAvailableMemoryBytes,
    string PostgresVersion,
    string Fsync,
    string SynchronousCommit,
    string Os,
    string Framework,
    string? LoadAverage)
{
    public static async Task<EnvironmentInfo> CollectAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return new EnvironmentInfo(
            Environment.ProcessorCount,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            await ShowAsync(dataSource, "server_version", cancellationToken).ConfigureAwait(false),
            await ShowAsync(dataSource, "fsync", cancellationToken).ConfigureAwait(false),
            await ShowAsync(dataSource, "synchronous_commit", cancellationToken).ConfigureAwait(false),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            await ReadLoadAverageAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The 1, 5 and 15 minute load averages before the run, where the OS exposes them.</summary>
    private static async Task<string?> ReadLoadAverageAsync(CancellationToken cancellationToken)
    {
        const string LoadAverageFile = "/proc/loadavg";
        if (!File.Exists(LoadAverageFile))
        {
            return null;
        }

        var fields = (await File.ReadAllTextAsync(LoadAverageFile, cancellationToken).ConfigureAwait(false)).Split(' ');
        return fields.Length >= 3 ? string.Join(' ', fields[..3]) : null;
    }

    private static async Task<string> ShowAsync(NpgsqlDataSource dataSource, string setting, CancellationToken cancellationToken)
    {
        // SHOW takes no parameters; the setting names are our own constants.
        await using var command = dataSource.CreateCommand($"SHOW {setting}");
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? "?";
    }
}
