using Npgsql;

namespace Vrps.Runtime.Storage;

/// <summary>Reads grain state. Writes go through the <see cref="StateCommitter"/> only.</summary>
internal sealed class StateStore(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async Task<(string? Payload, long Version)> ReadAsync(GrainId grain, string stateName)
    {
        await using var command = DataSource.CreateCommand(StorageSql.ReadState);
        command.Parameters.AddWithValue("type", grain.Type);
        command.Parameters.AddWithValue("key", grain.Key);
        command.Parameters.AddWithValue("name", stateName);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            return (null, 0);
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
    }
}
