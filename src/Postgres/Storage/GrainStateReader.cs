using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Vrps.Postgres.Storage;

/// <summary>
/// Reads coalesce the way writes do: activations that load their state while earlier reads are in flight share the
/// next query, so a burst of new activations costs a few queries and a few connections, not one of each per grain.
/// </summary>
internal sealed class GrainStateReader(string providerName, NpgsqlDataSource dataSource, GrainStorageMetrics metrics, ILogger logger)
{
    private const int MaxBatchSize = 512;
    private const int MaxConcurrentQueries = 4;

    private readonly Channel<StateRead> queue = Channel.CreateUnbounded<StateRead>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim slots = new(MaxConcurrentQueries);
    private readonly Lock startGate = new();
    private Task? loop;

    public Task<StoredState?> ReadAsync(StateKey key)
    {
        EnsureStarted();
        var read = new StateRead(key);
        if (!queue.Writer.TryWrite(read))
        {
            read.Fail(new GrainStorageReadException($"Grain storage '{providerName}' is stopping: {key} cannot be read."));
        }

        return read.Completion;
    }

    /// <summary>Stops taking reads and waits for the queries already running.</summary>
    public async Task StopAsync()
    {
        queue.Writer.TryComplete();
        Task? running;
        lock (startGate)
        {
            running = loop;
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }

        for (var i = 0; i < MaxConcurrentQueries; i++)
        {
            await slots.WaitAsync().ConfigureAwait(false);
        }
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref loop) is not null)
        {
            return;
        }

        lock (startGate)
        {
            loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await slots.WaitAsync().ConfigureAwait(false);
            var batch = new List<StateRead>();
            while (batch.Count < MaxBatchSize && reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            if (batch.Count == 0)
            {
                slots.Release();
                continue;
            }

            _ = QueryThenReleaseAsync(batch);
        }
    }

    private async Task QueryThenReleaseAsync(List<StateRead> batch)
    {
        try
        {
            var rows = await QueryAsync(batch).ConfigureAwait(false);
            metrics.Read(batch.Count);
            foreach (var read in batch)
            {
                read.Found(rows.TryGetValue(read.Key, out var row) ? row : null);
            }
        }
        catch (Exception exception)
        {
            GrainStorageLog.ReadFailed(logger, providerName, batch.Count, exception);
            var cause = exception is PostgresException postgres ? $"SQLSTATE {postgres.SqlState}: {postgres.MessageText}" : $"{exception.GetType().Name}: {exception.Message}";
            foreach (var read in batch)
            {
                read.Fail(new GrainStorageReadException($"Reading {read.Key} failed ({cause})."));
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<Dictionary<StateKey, StoredState>> QueryAsync(List<StateRead> batch)
    {
        var keys = batch.Select(static r => r.Key).Distinct().ToList();
        await using var command = dataSource.CreateCommand(GrainStorageSql.Read);
        command.Parameters.AddWithValue("types", keys.Select(static k => k.GrainType).ToArray());
        command.Parameters.AddWithValue("keys", keys.Select(static k => k.GrainKey).ToArray());
        command.Parameters.AddWithValue("names", keys.Select(static k => k.StateName).ToArray());
        var rows = new Dictionary<StateKey, StoredState>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows[new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                new StoredState(reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return rows;
    }
}
