using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Vrps.Postgres.Index;
using Vrps.Postgres.Migrations;
using Vrps.Postgres.Storage;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Index;

/// <summary>
/// A fresh database with the grain index's migrations applied, and rows written the way the grain storage writes them:
/// the staged effects run in a transaction. For the read side, which needs no silo.
/// </summary>
internal sealed class IndexDatabase : IAsyncDisposable
{
    public const string Kind = "test-item";

    private IndexDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
        Index = new GrainIndex(dataSource);
    }

    public NpgsqlDataSource DataSource { get; }

    public GrainIndex Index { get; }

    public static async Task<IndexDatabase> CreateAsync(string prefix)
    {
        var connection = await TestPostgres.CreateDatabaseAsync(prefix);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 5 }.ConnectionString);
        await new MigrationRunner(dataSource, [GrainIndexSchema.Migrations], NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
        return new IndexDatabase(dataSource);
    }

    /// <summary>An entry of <see cref="Kind"/> created <paramref name="minute"/> minutes after the epoch, its item naming its id.</summary>
    public static IndexEntry Entry(string id, int minute, string? parent = "p1", string? tenant = "t1", string status = "open", DateTimeOffset? deletedAt = null) =>
        new(Kind, id, parent, tenant, id.ToUpperInvariant(), DateTimeOffset.UnixEpoch.AddMinutes(minute), deletedAt, new IndexItem(id, status));

    public Task WriteAsync(params IndexEntry[] entries) =>
        RunAsync(entries.Select(static e => GrainIndexRows.Upsert(e, JsonSerializerOptions.Web)).ToArray());

    public async Task RunAsync(params ICommitEffect[] effects)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var effect in effects)
        {
            effect.AddTo(batch);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
