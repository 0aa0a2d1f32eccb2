using System.Runtime.InteropServices;
using Npgsql;

namespace Vrps.Bench.Deadlines;

/// <summary>What the figures were measured on: durability settings bound commit latency, and the load average tells whether other work shared the machine.</summary>
internal sealed record DeadlinesEnvironment(
    int ProcessorCount,
    string PostgresVersion,
    string Fsync,
    string SynchronousCommit,
    string Framework,
    string? LoadAverage)
{
    private const string LoadAverageFile = "/proc/loadavg";

    public static async Task<DeadlinesEnvironment> CollectAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var load = File.Exists(LoadAverageFile)
            ? string.Join(' ', (await File.ReadAllTextAsync(LoadAverageFile, cancellationToken).ConfigureAwait(false)).Split(' ').Take(3))
            : null;
        await using var command = dataSource.CreateCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new DeadlinesEnvironment(
            Environment.ProcessorCount, reader.GetString(0), reader.GetString(1), reader.GetString(2), RuntimeInformation.FrameworkDescription, load);
    }
}
