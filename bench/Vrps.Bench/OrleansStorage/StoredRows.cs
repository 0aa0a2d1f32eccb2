using System.Text;
using System.Text.Json;
using Npgsql;

namespace Vrps.Bench.OrleansStorage;

/// <summary>Reads each grain's stored value and version straight from a provider's table, after the silo stopped.</summary>
internal static class StoredRows
{
    // The stock provider stores its serializer's bytes (JSON by default), ours json; both payloads carry the key.
    private const string AdoNetRows = "SELECT payload, version::bigint FROM orleans_storage WHERE state_name = $1";
    private const string VrpsRows = "SELECT convert_to(payload::text, 'UTF8'), version FROM grain_storage WHERE state_name = $1";

    public static async Task<IReadOnlyDictionary<string, WriteAck>> ReadAsync(NpgsqlDataSource dataSource, StorageUnderTest storage, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(storage.IsVrps ? VrpsRows : AdoNetRows);
        command.Parameters.Add(new NpgsqlParameter { Value = storage.Name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, WriteAck>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (key, value) = Parse(reader.GetFieldValue<byte[]>(0));
            rows[key] = new WriteAck(value, reader.GetInt64(1));
        }

        return rows;
    }

    private static (string Key, long Value) Parse(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        string? key = null;
        long? value = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals("key") || property.NameEquals("Key"))
            {
                key = property.Value.GetString();
            }
            else if (property.NameEquals("value") || property.NameEquals("Value"))
            {
                value = property.Value.GetInt64();
            }
        }

        return key is not null && value is not null
            ? (key, value.Value)
            : throw new InvalidDataException($"A stored payload lacks its key or value: {Encoding.UTF8.GetString(payload)}");
    }
}
