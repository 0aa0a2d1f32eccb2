using Npgsql;

namespace Vrps.Postgres.Deadlines;

internal sealed partial class DeadlineService
{
    private const int MaxOutcomesPerBatch = 5000;

    private async Task OutcomeLoopAsync()
    {
        var reader = outcomes.Reader;
        var batch = new List<DeadlineOutcome>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxOutcomesPerBatch && reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            while (true)
            {
                try
                {
                    await RecordAsync(batch).ConfigureAwait(false);
                    break;
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    // Unrecorded outcomes are safe to give up on: at worst the lease lapses and the deadline fires again.
                    DeadlineLog.RecordFailed(logger, batch.Count, exception);
                    if (stopping.IsCancellationRequested)
                    {
                        break;
                    }

                    await Task.Delay(options.PollInterval, CancellationToken.None).ConfigureAwait(false);
                }
            }

            batch.Clear();
        }
    }

    private async Task RecordAsync(List<DeadlineOutcome> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        var fired = batch.Where(static o => o.Fired).Select(static o => o.Deadline).ToList();
        if (fired.Count > 0)
        {
            var delete = new NpgsqlBatchCommand(DeadlineSql.DeleteFired);
            AddKeys(delete, fired);
            command.BatchCommands.Add(delete);
        }

        var failed = batch.Where(static o => !o.Fired).Select(static o => o.Deadline).ToList();
        if (failed.Count > 0)
        {
            var retry = new NpgsqlBatchCommand(DeadlineSql.Retry);
            AddKeys(retry, failed);
            retry.Parameters.AddWithValue("retry_after", options.RetryDelay);
            command.BatchCommands.Add(retry);
        }

        if (command.BatchCommands.Count > 0)
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static void AddKeys(NpgsqlBatchCommand command, List<ClaimedDeadline> deadlines)
    {
        command.Parameters.AddWithValue("types", deadlines.Select(static d => d.Grain.Type.ToString()!).ToArray());
        command.Parameters.AddWithValue("keys", deadlines.Select(static d => d.Grain.Key.ToString()!).ToArray());
        command.Parameters.AddWithValue("names", deadlines.Select(static d => d.Name).ToArray());
        command.Parameters.AddWithValue("versions", deadlines.Select(static d => d.Version).ToArray());
    }
}
