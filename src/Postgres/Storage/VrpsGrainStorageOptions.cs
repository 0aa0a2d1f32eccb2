using System.Text.Json;
using Npgsql;

namespace Vrps.Postgres.Storage;

/// <summary>Options of one named Vrps grain storage provider.</summary>
public sealed class VrpsGrainStorageOptions
{
    public const int DefaultMaxBatchSize = 512;

    /// <summary>The Postgres to store state in; used when <see cref="DataSource"/> is not set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A data source the host already owns (the silo's one <see cref="NpgsqlDataSource"/>); wins over <see cref="ConnectionString"/>.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// The most writes one transaction holds. Whatever queued while the previous transaction ran commits together, up
    /// to this many; 1 turns coalescing off (one transaction per write, the benchmark's baseline).
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// How grain state types become json. The default is System.Text.Json's web defaults (camelCase names), which
    /// reads the public properties of a <c>[GenerateSerializer]</c> state class.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Applies this provider's migration module at silo start (idempotent; harmless beside a host-wide run).</summary>
    public bool ApplyMigrations { get; set; } = true;
}
