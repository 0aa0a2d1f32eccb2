using Npgsql;

namespace Vrps.Postgres.Deadlines;

internal sealed partial class DeadlineService
{
    /// <summary>
    /// Holds one connection listening on the wake channel: a commit anywhere in the cluster that sets a deadline due
    /// before the next poll wakes every silo, and a rolled-back one wakes nobody.
    /// </summary>
    private async Task ListenLoopAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand(DeadlineSql.Listen, connection))
                {
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                // Whatever was committed while nobody listened is found by the next poll.
                wake.Set();
                while (true)
                {
                    await connection.WaitAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                DeadlineLog.ListenFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.PollInterval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args) => wake.Set();
}
