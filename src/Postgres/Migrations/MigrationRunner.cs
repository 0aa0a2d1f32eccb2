using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Vrps.Postgres.Migrations;

/// <summary>Applies pending migrations in one transaction under an advisory lock, so silos starting together apply each once.</summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<MigrationSet> sets, ILogger<MigrationRunner> logger)
{
    private const string Prepare = """
        SELECT pg_advisory_xact_lock(7355608000);
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module      text        NOT NULL,
            version     int         NOT NULL,
            name        text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (module, version));
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var prepare = new NpgsqlCommand(Prepare, connection, transaction))
        {
            await prepare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new HashSet<(string, int)>();
        await using (var read = new NpgsqlCommand("SELECT module, version FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        foreach (var set in sets.DistinctBy(static s => s.Module))
        {
            foreach (var (version, name, sql) in Load(set))
            {
                if (applied.Contains((set.Module, version)))
                {
                    continue;
                }

                await using var apply = new NpgsqlCommand(sql, connection, transaction);
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (module, version, name) VALUES (@module, @version, @name)", connection, transaction);
                record.Parameters.AddWithValue("module", set.Module);
                record.Parameters.AddWithValue("version", version);
                record.Parameters.AddWithValue("name", name);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                MigrationLog.Applied(logger, set.Module, version, name);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Load(MigrationSet set)
    {
        var prefix = $"migrations/{set.Module}/";
        var files = new List<(int, string, string)>();
        foreach (var resource in set.Assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            }

            using var stream = set.Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((version, Path.GetFileNameWithoutExtension(file), reader.ReadToEnd()));
        }

        var duplicate = files.GroupBy(static f => f.Item1).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Module '{set.Module}' has two migrations numbered {duplicate.Key}.");
        }

        return files.OrderBy(static f => f.Item1);
    }
}
