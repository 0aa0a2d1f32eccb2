using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Vrps.Postgres.Hosting;

/// <summary>
/// A PostgreSQL cluster living in a directory we own, initialized, started and stopped with the server binaries
/// installed on this machine, so the service runs without a separately administered database.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string Superuser = "vrps";
    private const string ServiceAccount = "postgres";
    private const string MaintenanceDatabase = "postgres";
    private const string LoopbackHost = "127.0.0.1";
    private const int MaxDatabaseNameBytes = 63;
    private const int PortAttempts = 3;
    private const int LogTailLines = 40;

    // While the server starts, each probe gives up quickly and the loop tries again until the start timeout.
    private const int StartupProbeConnectTimeoutSeconds = 5;

    // A running server on a busy machine (a test run's silos and bursts on two cores) can take more than five
    // seconds to fork and authenticate a new session; creating a database waits for it rather than failing.
    private const int AdministrativeConnectTimeoutSeconds = 30;
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly string[] ServerBinaries = ["pg_ctl", "initdb", "postgres"];

    private readonly string _binDirectory;
    private readonly string _pgData;
    private readonly string _logFile;
    private readonly string _password;
    private readonly bool _asServiceAccount;
    private readonly int _timeoutSeconds;
    private readonly ILogger _logger;
    private readonly Lock _stopLock = new();
    private Task? _stopTask;

    private LocalPostgres(
        string binDirectory,
        string dataDirectory,
        string password,
        int port,
        string database,
        bool startedByUs,
        bool asServiceAccount,
        int timeoutSeconds,
        ILogger logger)
    {
        _binDirectory = binDirectory;
        _pgData = PgDataOf(dataDirectory);
        _logFile = LogFileOf(dataDirectory);
        _password = password;
        _asServiceAccount = asServiceAccount;
        _timeoutSeconds = timeoutSeconds;
        _logger = logger;
        DataDirectory = dataDirectory;
        Port = port;
        StartedByUs = startedByUs;
        ConnectionString = ConnectionStringFor(database);
    }

    /// <summary>Connection string of the configured database, as the <c>vrps</c> superuser over TCP on 127.0.0.1.</summary>
    public string ConnectionString { get; }

    /// <summary>TCP port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Full path of the root folder holding the cluster, its password file and its log.</summary>
    public string DataDirectory { get; }

    /// <summary><see langword="false"/> when a server already running on the cluster was reused; only ours is stopped.</summary>
    public bool StartedByUs { get; }

    /// <summary>
    /// The directory holding pg_ctl, initdb and postgres: the first such directory on PATH, otherwise the highest
    /// version under /usr/lib/postgresql/*/bin (where Debian and Ubuntu install them, off PATH); <see langword="null"/>
    /// when there is none.
    /// </summary>
    public static string? FindBinDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (HasServerBinaries(directory))
            {
                return Path.GetFullPath(directory);
            }
        }

        const string DistributionRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(DistributionRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(DistributionRoot)
            .Select(directory => (Bin: Path.Combine(directory, "bin"), Version: ParseVersion(Path.GetFileName(directory))))
            .Where(candidate => candidate.Version is not null && HasServerBinaries(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>
    /// Starts the cluster in <see cref="LocalPostgresOptions.DataDirectory"/>, creating it first when it does not exist,
    /// or reuses the server already running on it; then creates <see cref="LocalPostgresOptions.Database"/> if missing.
    /// </summary>
    /// <exception cref="LocalPostgresUnavailableException">PostgreSQL could not be found, initialized or started.</exception>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new ArgumentException("A data directory is required.", nameof(options));
        }

        ValidateDatabaseName(options.Database, nameof(options));
        if (options.StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StartTimeout, "The start timeout must be positive.");
        }

        if (options.Port is < 1 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "The port must be between 1 and 65535.");
        }

        if (OperatingSystem.IsWindows())
        {
            throw new LocalPostgresUnavailableException(
                "Running a local PostgreSQL server is supported only on Linux and macOS: set ConnectionStrings__Postgres to an existing database.");
        }

        logger ??= NullLogger.Instance;
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        try
        {
            return await StartCoreAsync(options, dataDirectory, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(
                $"Could not set up the PostgreSQL files in {dataDirectory}: make sure {Environment.UserName} can create and write that directory, or choose another Vrps:DataDirectory.",
                ex,
                LogFileOf(dataDirectory));
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<LocalPostgres> StartCoreAsync(LocalPostgresOptions options, string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var binDirectory = ResolveBinDirectory(options.BinDirectory);
        LocalPostgresLog.UsingBinaries(logger, binDirectory);
        if (dataDirectory.AsSpan().IndexOfAny("\"$`\\\n") >= 0)
        {
            // pg_ctl pastes the data directory and log paths into a /bin/sh command line inside double quotes.
            throw new LocalPostgresUnavailableException(
                $"The data directory path {dataDirectory} contains a character (\", $, ` or \\) that pg_ctl cannot pass to the shell: choose a Vrps:DataDirectory without them.");
        }

        // PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres account instead.
        var asServiceAccount = Environment.IsPrivilegedProcess;
        await PrepareDataDirectoryAsync(dataDirectory, asServiceAccount, logger, cancellationToken).ConfigureAwait(false);

        var pgData = PgDataOf(dataDirectory);
        var passwordFile = PasswordFileOf(dataDirectory);
        var timeoutSeconds = (int)Math.Ceiling(options.StartTimeout.TotalSeconds);

        int port;
        string password;
        bool startedByUs;
        var recorded = ReadPostmasterPid(pgData);
        if (recorded is { } running && IsLivePostmaster(running.Pid))
        {
            LocalPostgresLog.Reusing(logger, pgData, running.Pid, running.Port);
            if (options.Port is { } configured && configured != running.Port)
            {
                LocalPostgresLog.PortMismatch(logger, running.Port, configured);
            }

            password = ReadPassword(passwordFile, pgData);
            port = running.Port;
            startedByUs = false;
        }
        else
        {
            if (recorded is { } stale)
            {
                await WaitUntilReapedAsync(stale.Pid, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }

            password = File.Exists(Path.Combine(pgData, "PG_VERSION"))
                ? ReadPassword(passwordFile, pgData)
                : await InitializeClusterAsync(binDirectory, dataDirectory, options.Durable, asServiceAccount, logger, cancellationToken).ConfigureAwait(false);
            port = await StartServerAsync(binDirectory, dataDirectory, options, timeoutSeconds, asServiceAccount, logger, cancellationToken).ConfigureAwait(false);
            startedByUs = true;
        }

        var postgres = new LocalPostgres(binDirectory, dataDirectory, password, port, options.Database, startedByUs, asServiceAccount, timeoutSeconds, logger);
        try
        {
            await postgres.WaitUntilAcceptingConnectionsAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            try
            {
                await postgres.CreateDatabaseAsync(options.Database, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw Unavailable(
                    $"PostgreSQL is running but could not create the database {options.Database}: check {LogFileOf(dataDirectory)} for the reason, for example a full disk.",
                    ex,
                    LogFileOf(dataDirectory));
            }
        }
        catch when (startedByUs)
        {
            await StopAfterFailedStartAsync(binDirectory, dataDirectory, asServiceAccount, timeoutSeconds, logger).ConfigureAwait(false);
            throw;
        }

        return postgres;
    }

    /// <summary>Creates the database unless it exists and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ValidateDatabaseName(name, nameof(name));
        var connection = new NpgsqlConnection(MaintenanceConnectionString(AdministrativeConnectTimeoutSeconds));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection)
            {
                Parameters = { new NpgsqlParameter { Value = name } },
            };
            bool found;
            await using (exists.ConfigureAwait(false))
            {
                found = await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
            }

            if (!found)
            {
                // CREATE DATABASE takes no parameters, so the name goes in as a quoted identifier.
                var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await using (create.ConfigureAwait(false))
                {
                    try
                    {
                        await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                        LocalPostgresLog.DatabaseCreated(_logger, name);
                    }
                    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                    {
                        // Another caller created it between our check and our CREATE; it exists, which is all we need.
                    }
                }
            }
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Shuts the server down (fast mode) if this instance started it; later calls wait for the same shutdown.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        if (!StartedByUs)
        {
            return Task.CompletedTask;
        }

        lock (_stopLock)
        {
            if (_stopTask is null || _stopTask.IsFaulted || _stopTask.IsCanceled)
            {
                _stopTask = StopCoreAsync(ct);
            }

            return _stopTask;
        }
    }

    /// <inheritdoc cref="StopAsync"/>
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopCoreAsync(CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        LocalPostgresLog.Stopping(_logger, _pgData);
        var result = await RunPgCtlStopAsync(_binDirectory, _pgData, "fast", _asServiceAccount, _timeoutSeconds, _logger, ct).ConfigureAwait(false);
        if (result.ExitCode != 0 && File.Exists(Path.Combine(_pgData, "postmaster.pid")))
        {
            throw new InvalidOperationException(
                $"pg_ctl could not stop the PostgreSQL server in {_pgData}. {Describe(result)}{Environment.NewLine}{ReadLogTail(_logFile)}");
        }

        LocalPostgresLog.Stopped(_logger, _pgData);
    }

    private async Task WaitUntilAcceptingConnectionsAsync(TimeSpan timeout, CancellationToken ct)
    {
        var connectionString = MaintenanceConnectionString(StartupProbeConnectTimeoutSeconds);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(connectionString);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                }

                LocalPostgresLog.Ready(_logger, Port);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                throw Unavailable(
                    $"The PostgreSQL server in {_pgData} rejected the password in {PasswordFileOf(DataDirectory)}: restore the password file that belongs to this cluster or delete {DataDirectory} to create a fresh one.",
                    ex,
                    _logFile);
            }
            catch (NpgsqlException ex) when (clock.Elapsed >= timeout)
            {
                throw Unavailable(
                    $"PostgreSQL on {LoopbackHost}:{Port} did not accept connections within {timeout.TotalSeconds:0} seconds: check {_logFile} for the reason, or allow a longer start timeout on a slow machine.",
                    ex,
                    _logFile);
            }
            catch (NpgsqlException)
            {
                // Still starting up, or recovering after an unclean shutdown.
                await Task.Delay(ConnectRetryDelay, ct).ConfigureAwait(false);
            }
        }
    }

    private string MaintenanceConnectionString(int connectTimeoutSeconds)
    {
        // Unpooled so that short administrative sessions never linger as idle backends.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStringFor(MaintenanceDatabase))
        {
            Pooling = false,
            Timeout = connectTimeoutSeconds,
        };
        return builder.ConnectionString;
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = LoopbackHost,
            Port = Port,
            Username = Superuser,
            Password = _password,
            Database = database,
        }.ConnectionString;

    [UnsupportedOSPlatform("windows")]
    private static async Task PrepareDataDirectoryAsync(string dataDirectory, bool asServiceAccount, ILogger logger, CancellationToken ct)
    {
        if (!Directory.Exists(dataDirectory))
        {
            // Search-only for others so the postgres account can reach the cluster, yet not list the password file.
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            if (asServiceAccount)
            {
                mode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            }

            Directory.CreateDirectory(dataDirectory, mode);
        }

        if (!asServiceAccount)
        {
            return;
        }

        var account = await RunAsync(ResolveTool("id"), ["-u", ServiceAccount], asServiceAccount: false, dataDirectory, logger, ct).ConfigureAwait(false);
        if (account.ExitCode != 0)
        {
            throw Unavailable(
                "Running as root needs a postgres system account to own the PostgreSQL cluster: install PostgreSQL from the distribution's packages (for example `apt-get install postgresql`), which creates it, or run as a non-root user.",
                Describe(account),
                null);
        }

        var reach = await RunAsync(ResolveTool("test"), ["-x", dataDirectory], asServiceAccount: true, "/", logger, ct).ConfigureAwait(false);
        if (reach.ExitCode != 0)
        {
            throw Unavailable(
                $"The postgres account cannot reach {dataDirectory}, which it needs because PostgreSQL refuses to run as root: choose a Vrps:DataDirectory the postgres user can reach (for example under /var/lib or /tmp rather than /root).",
                Describe(reach),
                null);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<string> InitializeClusterAsync(
        string binDirectory, string dataDirectory, bool durable, bool asServiceAccount, ILogger logger, CancellationToken ct)
    {
        var pgData = PgDataOf(dataDirectory);
        LocalPostgresLog.InitializingCluster(logger, pgData);

        if (Directory.Exists(pgData))
        {
            if (Directory.EnumerateFileSystemEntries(pgData).Any())
            {
                throw new LocalPostgresUnavailableException(
                    $"{pgData} exists but holds no PostgreSQL cluster (it has no PG_VERSION file): empty or remove it, or choose another Vrps:DataDirectory.");
            }

            Directory.Delete(pgData);
        }

        // initdb works in a staging directory that is renamed into place only once complete, so an interrupted initdb
        // (cancellation, crash, power loss) never leaves a PG_VERSION file in front of a half-built cluster.
        var staging = pgData + ".initializing";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(staging, OwnerOnly);
        if (asServiceAccount)
        {
            await ChownToServiceAccountAsync(staging, recursive: true, dataDirectory, logger, ct).ConfigureAwait(false);
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        // Written before initdb so that a cluster never exists whose password was not saved.
        WriteSecretFile(PasswordFileOf(dataDirectory), password);

        var passwordInput = Path.Combine(dataDirectory, $".initdb-password-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        try
        {
            WriteSecretFile(passwordInput, password);
            if (asServiceAccount)
            {
                await ChownToServiceAccountAsync(passwordInput, recursive: false, dataDirectory, logger, ct).ConfigureAwait(false);
            }

            List<string> arguments =
            [
                "-D", staging,
                "-U", Superuser,
                $"--pwfile={passwordInput}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
            ];
            if (!durable)
            {
                arguments.Add("--no-sync");
            }

            var result = await RunAsync(Path.Combine(binDirectory, "initdb"), arguments, asServiceAccount, dataDirectory, logger, ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw Unavailable(
                    $"initdb could not create a PostgreSQL cluster in {dataDirectory}: make sure the {(asServiceAccount ? ServiceAccount : Environment.UserName)} user can write there and the disk has room, or choose another Vrps:DataDirectory.",
                    Describe(result),
                    null);
            }
        }
        finally
        {
            File.Delete(passwordInput);
        }

        Directory.Move(staging, pgData);
        return password;
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<int> StartServerAsync(
        string binDirectory, string dataDirectory, LocalPostgresOptions options, int timeoutSeconds, bool asServiceAccount, ILogger logger, CancellationToken ct)
    {
        var pgData = PgDataOf(dataDirectory);
        var logFile = LogFileOf(dataDirectory);
        if (asServiceAccount)
        {
            // The server, running as postgres, appends to the log in a directory it cannot write.
            if (!File.Exists(logFile))
            {
                WriteSecretFile(logFile, string.Empty);
            }

            await ChownToServiceAccountAsync(logFile, recursive: false, dataDirectory, logger, ct).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port ?? PickFreePort();
            var logStart = LogLength(logFile);
            LocalPostgresLog.Starting(logger, pgData, port);
            (int ExitCode, string StdOut, string StdErr) result;
            try
            {
                result = await RunAsync(
                    Path.Combine(binDirectory, "pg_ctl"),
                    ["-D", pgData, "-l", logFile, "-w", "-t", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "-o", ServerOptions(port, options.Durable, options.MaxConnections), "start"],
                    asServiceAccount,
                    dataDirectory,
                    logger,
                    ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await StopAfterFailedStartAsync(binDirectory, dataDirectory, asServiceAccount, timeoutSeconds, logger).ConfigureAwait(false);
                throw;
            }

            if (result.ExitCode == 0)
            {
                return port;
            }

            // pg_ctl gives up waiting after its timeout but leaves a slow server running; it must not outlive the failure.
            await StopAfterFailedStartAsync(binDirectory, dataDirectory, asServiceAccount, timeoutSeconds, logger).ConfigureAwait(false);

            var newLog = ReadLogFrom(logFile, logStart);
            var portTaken = newLog.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || newLog.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);
            if (portTaken && options.Port is null && attempt < PortAttempts)
            {
                // Another process took the free port between our probe and the server's bind.
                LocalPostgresLog.PortTaken(logger, port);
                continue;
            }

            var sentence = portTaken
                ? $"PostgreSQL could not listen on {LoopbackHost}:{port} because another process uses it: stop that process or configure another port."
                : $"PostgreSQL in {pgData} failed to start: check {logFile} for the reason, and fix the server settings or delete {dataDirectory} to create a fresh cluster.";
            throw Unavailable(sentence, Describe(result), logFile);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task StopAfterFailedStartAsync(string binDirectory, string dataDirectory, bool asServiceAccount, int timeoutSeconds, ILogger logger)
    {
        var pgData = PgDataOf(dataDirectory);
        if (!File.Exists(Path.Combine(pgData, "postmaster.pid")))
        {
            return;
        }

        try
        {
            // Immediate: nothing useful happened on this server yet, and the caller is waiting to report the failure.
            await RunPgCtlStopAsync(binDirectory, pgData, "immediate", asServiceAccount, timeoutSeconds, logger, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LocalPostgresUnavailableException or IOException or InvalidOperationException)
        {
            LocalPostgresLog.CleanupFailed(logger, ex, pgData);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static Task<(int ExitCode, string StdOut, string StdErr)> RunPgCtlStopAsync(
        string binDirectory, string pgData, string mode, bool asServiceAccount, int timeoutSeconds, ILogger logger, CancellationToken ct) =>
        RunAsync(
            Path.Combine(binDirectory, "pg_ctl"),
            ["-D", pgData, "-m", mode, "-w", "-t", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "stop"],
            asServiceAccount,
            Path.GetDirectoryName(pgData) ?? "/",
            logger,
            ct);

    private static string ServerOptions(int port, bool durable, int maxConnections)
    {
        // pg_ctl runs the server through /bin/sh, so '' reaches postgres as an empty value, which turns Unix sockets off.
        var settings = new StringBuilder()
            .Append("-c listen_addresses=").Append(LoopbackHost)
            .Append(CultureInfo.InvariantCulture, $" -c port={port}")
            .Append(" -c unix_socket_directories=''")
            .Append(CultureInfo.InvariantCulture, $" -c max_connections={maxConnections}")
            .Append(" -c shared_buffers=256MB");
        if (!durable)
        {
            settings.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        return settings.ToString();
    }

    private static (int Pid, int Port)? ReadPostmasterPid(string pgData)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(pgData, "postmaster.pid"));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Unavailable(
                $"The PostgreSQL cluster in {pgData} belongs to another user: run as that user or as root, or choose another Vrps:DataDirectory.",
                ex,
                null);
        }

        // Line 1 is the postmaster's PID and line 4 its port; the rest does not matter here.
        if (lines.Length < 4
            || !int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        return (pid, port);
    }

    private static bool IsLivePostmaster(int pid) =>
        // After a crash or reboot the stale PID may belong to an unrelated process, hence the name check.
        ProcessTable.Status(pid) is { Zombie: false, Name: "postgres" or "postmaster" };

    private static async Task WaitUntilReapedAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        // postgres takes a zombie's PID for a live postmaster and refuses to start; its parent (often init, which in
        // containers can be slow) reaps it soon.
        var clock = Stopwatch.StartNew();
        while (ProcessTable.Status(pid) is { Zombie: true } && clock.Elapsed < timeout)
        {
            await Task.Delay(ConnectRetryDelay, ct).ConfigureAwait(false);
        }
    }

    private static string ReadPassword(string passwordFile, string pgData)
    {
        string password;
        try
        {
            password = File.ReadAllText(passwordFile).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            password = string.Empty;
        }

        if (password.Length == 0)
        {
            throw new LocalPostgresUnavailableException(
                $"The PostgreSQL cluster in {pgData} has no superuser password in {passwordFile}: restore that file or delete {pgData} to create a fresh cluster.");
        }

        return password;
    }

    [UnsupportedOSPlatform("windows")]
    private static void WriteSecretFile(string path, string content)
    {
        // The creation mode only applies to new files, and the secret must never be readable by others, even briefly.
        File.Delete(path);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }

    private static async Task ChownToServiceAccountAsync(string path, bool recursive, string workingDirectory, ILogger logger, CancellationToken ct)
    {
        List<string> arguments = recursive ? ["-R", $"{ServiceAccount}:", path] : [$"{ServiceAccount}:", path];
        var result = await RunAsync(ResolveTool("chown"), arguments, asServiceAccount: false, workingDirectory, logger, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw Unavailable(
                $"Could not give {path} to the postgres account: make sure the Vrps:DataDirectory is on a file system that supports changing owners.",
                Describe(result),
                null);
        }
    }

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, bool asServiceAccount, string workingDirectory, ILogger logger, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asServiceAccount ? ResolveTool("runuser") : fileName,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asServiceAccount)
        {
            foreach (var argument in (string[])["-u", ServiceAccount, "--", fileName])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Our own libpq settings (PGDATA, PGPORT, PGOPTIONS, ...) would silently redirect or reconfigure the tools.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var command = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            var sentence = asServiceAccount
                ? "Could not run runuser, which starts PostgreSQL as the postgres account when running as root: install util-linux or run as a non-root user."
                : $"Could not run {fileName}: install PostgreSQL (for example `apt-get install postgresql`) or set ConnectionStrings__Postgres to an existing database.";
            throw Unavailable(sentence, ex, null);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            throw;
        }

        var result = (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        LocalPostgresLog.Ran(logger, command, result.ExitCode);
        return result;
    }

    private static string ResolveBinDirectory(string? configured)
    {
        if (configured is null)
        {
            return FindBinDirectory() ?? throw new LocalPostgresUnavailableException(
                "No PostgreSQL server binaries were found on PATH or under /usr/lib/postgresql/*/bin: install PostgreSQL (for example `apt-get install postgresql`) or set ConnectionStrings__Postgres to an existing database.");
        }

        var directory = Path.GetFullPath(configured);
        if (!HasServerBinaries(directory))
        {
            throw new LocalPostgresUnavailableException(
                $"The configured PostgreSQL bin directory {directory} does not contain pg_ctl, initdb and postgres: point it at a PostgreSQL server installation, or leave it unset to search PATH and /usr/lib/postgresql/*/bin.");
        }

        return directory;
    }

    private static bool HasServerBinaries(string directory) =>
        ServerBinaries.All(name => IsExecutableFile(Path.Combine(directory, name)));

    private static bool IsExecutableFile(string path) =>
        !OperatingSystem.IsWindows()
        && File.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static Version? ParseVersion(string? name)
    {
        // Debian names the folders by major version: "15", or "9.6" before PostgreSQL 10.
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return new Version(major, 0);
        }

        return Version.TryParse(name, out var version) ? version : null;
    }

    private static string ResolveTool(string name)
    {
        // sbin directories are often missing from PATH, and runuser lives there.
        foreach (var directory in (string[])["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return name;
    }

    private static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void ValidateDatabaseName(string? name, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(name) > MaxDatabaseNameBytes)
        {
            throw new ArgumentException($"A database name must be non-blank, without NUL characters and at most {MaxDatabaseNameBytes} bytes long.", parameterName);
        }
    }

    private static string PgDataOf(string dataDirectory) => Path.Combine(dataDirectory, "pgdata");

    private static string PasswordFileOf(string dataDirectory) => Path.Combine(dataDirectory, "superuser.password");

    private static string LogFileOf(string dataDirectory) => Path.Combine(dataDirectory, "postgres.log");

    private static long LogLength(string logFile)
    {
        try
        {
            return new FileInfo(logFile).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private static string ReadLogFrom(string logFile, long offset)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string ReadLogTail(string logFile)
    {
        const int TailBytes = 16 * 1024;
        var text = ReadLogFrom(logFile, Math.Max(0, LogLength(logFile) - TailBytes));
        var lines = text.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - LogTailLines))).TrimEnd();
    }

    private static string Describe((int ExitCode, string StdOut, string StdErr) result) =>
        $"Exit code {result.ExitCode}.{Environment.NewLine}stdout:{Environment.NewLine}{result.StdOut.TrimEnd()}{Environment.NewLine}stderr:{Environment.NewLine}{result.StdErr.TrimEnd()}";

    private static LocalPostgresUnavailableException Unavailable(string sentence, string details, string? logFile) =>
        Unavailable(sentence, new InvalidOperationException(details), logFile);

    private static LocalPostgresUnavailableException Unavailable(string sentence, Exception cause, string? logFile)
    {
        var tail = logFile is null ? string.Empty : ReadLogTail(logFile);
        var inner = tail.Length == 0
            ? cause
            : new InvalidOperationException($"Last lines of {logFile}:{Environment.NewLine}{tail}", cause);
        var exception = new LocalPostgresUnavailableException(sentence, inner);
        if (logFile is not null)
        {
            exception.Data[LocalPostgresUnavailableException.LogFileDataKey] = logFile;
            exception.Data[LocalPostgresUnavailableException.LogTailDataKey] = tail;
        }

        return exception;
    }
}
