using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Vrps.Postgres.Events;
using Vrps.Postgres.Migrations;
using Vrps.Testing;

namespace Vrps.Postgres.Tests.Events;

public sealed class EventLogQueueMapperTests
{
    [Fact]
    public async Task GetQueueForStream_AppendedStream_IsTheQueueWhoseReaderSelectsIt()
    {
        const int queues = 8;
        var connection = await TestPostgres.CreateDatabaseAsync("events_mapper");
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await new MigrationRunner(dataSource, [EventLogSchema.Migrations], NullLogger<MigrationRunner>.Instance).RunAsync(CancellationToken.None);
        var mapper = new EventLogQueueMapper("events", queues);
        var keys = Enumerable.Range(0, 20).Select(static i => $"stream-{i}").ToList();
        foreach (var key in keys)
        {
            await EventCluster.AppendDirectlyAsync(dataSource, key, 1);
        }

        foreach (var key in keys)
        {
            await using var command = dataSource.CreateCommand("SELECT stream_hash % @queues FROM event_log WHERE stream_key = @key");
            command.Parameters.AddWithValue("queues", queues);
            command.Parameters.AddWithValue("key", key);
            var selectedBy = (int)(await command.ExecuteScalarAsync())!;
            var mapped = mapper.GetQueueForStream(StreamId.Create(EventSinkGrain.Namespace, key));
            Assert.Equal(selectedBy, EventLogQueueMapper.NumberOf(mapped));
        }
    }

    [Fact]
    public void GetAllQueues_EightQueues_AreDistinctAndNumberedFromZero()
    {
        var mapper = new EventLogQueueMapper("events", 8);

        Assert.Equal(Enumerable.Range(0, 8), mapper.GetAllQueues().Select(EventLogQueueMapper.NumberOf));
        Assert.Equal(8, mapper.GetAllQueues().Select(static q => q.GetUniformHashCode()).Distinct().Count());
    }
}
