using System.Threading.Channels;
using Npgsql;

namespace Vrps.Runtime.Storage;

/// <summary>
/// Reads grain state. Reads are batched the way writes are: every activation that loads its state while another batch
/// is in flight joins the next one, so a burst of new activations costs a few queries, not one query each.
/// Writes go through the <see cref="StateCommitter"/> only.
/// </summary>
internal sealed class StateStore(NpgsqlDataSource dataSource)
{
    private const int MaxBatchSize = 512;
    private const int MaxConcurrentBatches = 4;

    private readonly Channel<PendingRead> queue = Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim inFlight = new(MaxConcurrentBatches);
    private int started;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public Task<(string? Payload, long Version)> ReadAsync(GrainId grain, string stateName)
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            _ = Task.Run(LoopAsync);
        }

        var read = new PendingRead(grain, stateName);
        if (!queue.Writer.TryWrite(read))
        {
            read.Completion.TrySetException(new GrainStorageException("The silo is stopping: state cannot be read."));
        }

        return read.Completion.Task;
    }

    /// <summary>Stops taking reads; reads already queued still run.</summary>
    public void Stop() => queue.Writer.TryComplete();

    private async Task LoopAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await inFlight.WaitAsync().ConfigureAwait(false);
            var batch = new List<PendingRead>();
            while (batch.Count < MaxBatchSize && reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            _ = ExecuteAsync(batch);
        }
    }

    private async Task ExecuteAsync(List<PendingRead> batch)
    {
        try
        {
            var keys = batch.Select(static r => (r.Grain.Type, r.Grain.Key, r.StateName)).Distinct().ToList();
            await using var command = DataSource.CreateCommand(StorageSql.ReadStates);
            command.Parameters.AddWithValue("types", keys.Select(static k => k.Type).ToArray());
            command.Parameters.AddWithValue("keys", keys.Select(static k => k.Key).ToArray());
            command.Parameters.AddWithValue("names", keys.Select(static k => k.StateName).ToArray());
            var found = new Dictionary<(string, string, string), (string?, long)>();
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    found[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                        (reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4));
                }
            }

            foreach (var read in batch)
            {
                read.Completion.TrySetResult(found.TryGetValue((read.Grain.Type, read.Grain.Key, read.StateName), out var row) ? row : (null, 0));
            }
        }
        catch (Exception exception)
        {
            foreach (var read in batch)
            {
                read.Completion.TrySetException(exception);
            }
        }
        finally
        {
            inFlight.Release();
        }
    }

    private sealed class PendingRead(GrainId grain, string stateName)
    {
        public GrainId Grain { get; } = grain;

        public string StateName { get; } = stateName;

        public TaskCompletionSource<(string? Payload, long Version)> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
