using Npgsql;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Storage;

/// <summary>
/// Holds a test_effects row inserted but not committed by a test transaction, so a storage transaction whose effect
/// inserts the same marker waits inside Postgres until the gate opens: the way to line writes up in one batch (or
/// keep a transaction open to kill it) without reaching into the provider.
/// </summary>
internal sealed class CommitGate : IAsyncDisposable
{
    private const string CountBlocked = """
        SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO test_effects%'
        """;

    private const string BlockedPid = """
        SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO test_effects%'
         LIMIT 1
        """;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private CommitGate(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<CommitGate> CloseAsync(NpgsqlDataSource dataSource, string marker)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO test_effects (marker) VALUES ($1)", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = marker });
        await insert.ExecuteNonQueryAsync();
        return new CommitGate(connection, transaction);
    }

    /// <summary>Waits until some storage transaction is blocked on a gate.</summary>
    public static Task WaitUntilBlockedAsync(NpgsqlDataSource dataSource) => Eventually.HoldsAsync(
        async () =>
        {
            await using var command = dataSource.CreateCommand(CountBlocked);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        },
        "a storage transaction waits on a gate");

    public static async Task<int> BlockedPidAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(BlockedPid);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rolls the gate's row back: the waiting transaction's insert goes through.</summary>
    public async Task OpenAsync() => await transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
