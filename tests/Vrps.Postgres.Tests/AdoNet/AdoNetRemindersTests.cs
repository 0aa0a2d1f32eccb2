using Vrps.Testing;

namespace Vrps.Postgres.Tests.AdoNet;

public sealed class AdoNetRemindersTests
{
    [Fact]
    public async Task UsePostgresReminders_ReminderRegistered_StoredAndTicks()
    {
        var (cluster, connectionString) = await AdoNetCluster.StartAsync("adonet_reminders", silos: 1);
        await using (cluster)
        {
            var grain = cluster.Client.GetGrain<ITickingGrain>("20235");

            await grain.StartAsync(AdoNetCluster.ReminderPeriod);

            var stored = await Sql.ScalarAsync<long>(
                connectionString,
                "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%/20235' AND reminder_name = @name",
                ("name", TickingGrain.ReminderName));
            Assert.Equal(1L, stored);
            await Eventually.HoldsAsync(async () => await grain.TicksAsync() >= 2, "the reminder ticked twice", TimeSpan.FromSeconds(30));
        }
    }
}
