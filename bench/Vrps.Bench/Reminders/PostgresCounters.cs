using Npgsql;

namespace Vrps.Bench.Reminders;

/// <summary>
/// Postgres' own counters for one reminder table, its due-time index and the WAL, so that the two designs can be
/// compared per fired reminder: row versions written, index and heap pages touched, WAL written and synced.
/// </summary>
internal sealed record PostgresCounters(
    long Updates,
    long HotUpdates,
    long Deletes,
    long DueIndexScans,
    long DueIndexEntriesRead,
    long DueIndexBlocks,
    long HeapBlocks,
    long AllIndexBlocks,
    long WalRecords,
    long WalBytes,
    long WalSyncs,
    long Commits)
{
    private const string Query = """
        SELECT t.n_tup_upd, t.n_tup_hot_upd, t.n_tup_del,
               i.idx_scan, i.idx_tup_read, io.idx_blks_hit + io.idx_blks_read,
               tio.heap_blks_hit + tio.heap_blks_read, tio.idx_blks_hit + tio.idx_blks_read,
               w.wal_records, w.wal_bytes::bigint, w.wal_sync, d.xact_commit
          FROM pg_stat_user_tables t
          JOIN pg_statio_user_tables tio ON tio.relid = t.relid
          JOIN pg_stat_user_indexes i ON i.relid = t.relid AND i.indexrelname = @index
          JOIN pg_statio_user_indexes io ON io.indexrelid = i.indexrelid
          JOIN pg_stat_database d ON d.datname = current_database()
         CROSS JOIN pg_stat_wal w
         WHERE t.relname = @table
        """;

    /// <summary>
    /// Reads the counters. Backends publish their counts lazily (at most once a second while busy, at exit for sure),
    /// so the caller closes its pooled connections first, and this waits a moment for those backends to exit.
    /// </summary>
    public static async Task<PostgresCounters> TakeAsync(NpgsqlDataSource dataSource, string table, string dueIndex, CancellationToken cancellationToken)
    {
        dataSource.Clear();
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(Query);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("index", dueIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"No statistics for table {table} with index {dueIndex}.");
        }

        var values = new long[12];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetInt64(i);
        }

        return new PostgresCounters(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9], values[10], values[11]);
    }

    public static PostgresCounters operator -(PostgresCounters after, PostgresCounters before) => new(
        after.Updates - before.Updates,
        after.HotUpdates - before.HotUpdates,
        after.Deletes - before.Deletes,
        after.DueIndexScans - before.DueIndexScans,
        after.DueIndexEntriesRead - before.DueIndexEntriesRead,
        after.DueIndexBlocks - before.DueIndexBlocks,
        after.HeapBlocks - before.HeapBlocks,
        after.AllIndexBlocks - before.AllIndexBlocks,
        after.WalRecords - before.WalRecords,
        after.WalBytes - before.WalBytes,
        after.WalSyncs - before.WalSyncs,
        after.Commits - before.Commits);
}
