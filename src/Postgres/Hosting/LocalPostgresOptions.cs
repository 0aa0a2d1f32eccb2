namespace Vrps.Postgres.Hosting;

/// <summary>Settings for a PostgreSQL cluster that <see cref="LocalPostgres"/> owns and runs on this machine.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>
    /// Root folder owned by <see cref="LocalPostgres"/>: the cluster lives in <c>pgdata</c>, the superuser password in
    /// <c>superuser.password</c> (mode 0600) and the server log in <c>postgres.log</c>.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>Database created when missing; <see cref="LocalPostgres.ConnectionString"/> points at it.</summary>
    public string Database { get; init; } = "vrps";

    /// <summary>TCP port on 127.0.0.1; <see langword="null"/> picks a free one at every start.</summary>
    public int? Port { get; init; }

    /// <summary>How long to wait for the server to start and accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <see langword="false"/> turns off fsync, synchronous_commit and full_page_writes: much faster, but a crash can
    /// corrupt the cluster, so only for throwaway test clusters.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// The server's max_connections. A test process runs many silos at once, each with its own pools (storage, deadlines,
    /// event queues, clustering), and needs more than one product silo does.
    /// </summary>
    public int MaxConnections { get; init; } = 200;

    /// <summary>Directory holding pg_ctl, initdb and postgres; <see langword="null"/> uses <see cref="LocalPostgres.FindBinDirectory"/>.</summary>
    public string? BinDirectory { get; init; }
}
