using Npgsql;

namespace Vrps.Runtime.Reminders;

internal sealed partial class ReminderService
{
    private async Task OutcomeLoopAsync()
    {
        var reader = outcomes.Reader;
        var batch = new List<ReminderOutcome>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 5000 && reader.TryRead(out var outcome))
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
                catch (Exception exception) when (!stopping.IsCancellationRequested || exception is NpgsqlException)
                {
                    // Unrecorded outcomes are safe to retry: at worst the lease lapses and the reminder fires again.
                    ReminderLog.RecordFailed(logger, batch.Count, exception);
                    if (stopping.IsCancellationRequested)
                    {
                        break;
                    }

                    await Task.Delay(options.ReminderPollInterval).ConfigureAwait(false);
                }
            }

            batch.Clear();
        }
    }

    private async Task RecordAsync(List<ReminderOutcome> batch)
    {
        var deleted = batch.Where(static o => o.Succeeded && o.NextDueAt is null).Select(static o => o.Reminder).ToList();
        var rescheduled = batch.Where(static o => o.Succeeded && o.NextDueAt is not null).ToList();
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        if (deleted.Count > 0)
        {
            var delete = new NpgsqlBatchCommand(ReminderSql.DeleteFired);
            AddKeys(delete, deleted);
            command.BatchCommands.Add(delete);
        }

        if (rescheduled.Count > 0)
        {
            var update = new NpgsqlBatchCommand(ReminderSql.Reschedule);
            AddKeys(update, rescheduled.Select(static o => o.Reminder).ToList());
            update.Parameters.AddWithValue("due", rescheduled.Select(static o => o.NextDueAt!.Value).ToArray());
            command.BatchCommands.Add(update);
        }

        var failed = batch.Where(static o => !o.Succeeded).Select(static o => o.Reminder).ToList();
        if (failed.Count > 0)
        {
            var retry = new NpgsqlBatchCommand(ReminderSql.Retry);
            AddKeys(retry, failed);
            retry.Parameters.AddWithValue("retry_after", options.ReminderRetryDelay);
            command.BatchCommands.Add(retry);
        }

        if (command.BatchCommands.Count > 0)
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        foreach (var outcome in rescheduled)
        {
            OnScheduled(outcome.NextDueAt!.Value);
        }
    }

    private static void AddKeys(NpgsqlBatchCommand command, List<ClaimedReminder> reminders)
    {
        command.Parameters.AddWithValue("types", reminders.Select(static r => r.Grain.Type).ToArray());
        command.Parameters.AddWithValue("keys", reminders.Select(static r => r.Grain.Key).ToArray());
        command.Parameters.AddWithValue("names", reminders.Select(static r => r.Name).ToArray());
        command.Parameters.AddWithValue("versions", reminders.Select(static r => r.Version).ToArray());
    }
}
