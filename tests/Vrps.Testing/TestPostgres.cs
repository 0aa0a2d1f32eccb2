using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vrps.Postgres.Hosting;

namespace Vrps.Testing;

/// <summary>
/// One private, non-durable PostgreSQL server per test process, started on first use and shut down, with its files
/// deleted, when the process exits. Each test gets its own fresh database so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    // Under /tmp rather than the user's temp folder: as root the server runs as the postgres account, which must be
    // able to reach the cluster, and TMPDIR may point somewhere it cannot.
    private const string TempRoot = "/tmp";
    private const string DirectoryPrefix = "vrps-testpg-";
    private const string OwnerFileName = "owner.pid";
    private const int MaxDatabaseNameLength = 63;
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(15);

    private static readonly Lazy<Task<LocalPostgres>> Server = new(() => Task.Run(StartServerAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_databaseCount;

    /// <summary>Creates a brand-new, uniquely named, empty database and returns its connection string.</summary>
    /// <param name="prefix">Start of the database name, to tell databases apart when debugging; letters, digits and underscores are kept.</param>
    /// <exception cref="InvalidOperationException">The test server could not be started; tests needing a database must fail, not skip.</exception>
    public static async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        LocalPostgres server;
        try
        {
            server = await Server.Value.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Tests need a private PostgreSQL server, but it could not be started: {ex.Message}",
                ex);
        }

        var number = Interlocked.Increment(ref s_databaseCount).ToString(CultureInfo.InvariantCulture);
        var stem = Sanitize(prefix);
        var room = MaxDatabaseNameLength - number.Length - 1;
        return await server.CreateDatabaseAsync($"{stem[..Math.Min(stem.Length, room)]}_{number}").ConfigureAwait(false);
    }

    private static async Task<LocalPostgres> StartServerAsync()
    {
        SweepAbandonedDirectories();

        var directory = Path.Combine(TempRoot, DirectoryPrefix + Guid.NewGuid().ToString("N"));
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (Environment.IsPrivilegedProcess)
        {
            mode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The test PostgreSQL server runs only on Linux and macOS.");
        }

        Directory.CreateDirectory(directory, mode);
        await File.WriteAllTextAsync(Path.Combine(directory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);

        // Registered before starting so that even a half-started server is cleaned up.
        LocalPostgres? started = null;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown(started, directory);

        started = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = directory,
            Durable = false,

            // Test classes run side by side, each with whole silos and their connection pools: 200 ran out.
            MaxConnections = 800,
        }).ConfigureAwait(false);
        return started;
    }

    private static void Shutdown(LocalPostgres? server, string directory)
    {
        try
        {
            server?.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex)
        {
            // An exception escaping a ProcessExit handler would crash the test host after the results were reported.
            Console.Error.WriteLine($"Could not clean up the test PostgreSQL server in {directory}: {ex}");
        }
    }

    private static string Sanitize(string? prefix)
    {
        var name = new StringBuilder();
        foreach (var c in prefix ?? "test")
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                name.Append(char.ToLowerInvariant(c));
            }
        }

        return name.Length == 0 ? "test" : name.ToString();
    }

    /// <summary>
    /// A test host that was killed (a hang timeout, a crash) never ran its ProcessExit handler; on a machine that runs
    /// the suite again and again, its servers would pile up. Those whose owning process is gone are shut down here.
    /// </summary>
    private static void SweepAbandonedDirectories()
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(TempRoot, DirectoryPrefix + "*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            try
            {
                if (IsAbandoned(directory))
                {
                    StopOrphanedServer(Path.Combine(directory, "pgdata", "postmaster.pid"));
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Win32Exception)
            {
                // Someone else's directory, or one being swept by a parallel test process: not ours to insist on.
            }
        }
    }

    private static bool IsAbandoned(string directory)
    {
        var ownerFile = Path.Combine(directory, OwnerFileName);
        if (!File.Exists(ownerFile))
        {
            // Possibly a process that created the directory a moment ago and has yet to write its owner file.
            return DateTime.UtcNow - Directory.GetCreationTimeUtc(directory) > AbandonedAfter;
        }

        return int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
            && ProcessName(owner) is null;
    }

    private static void StopOrphanedServer(string pidFile)
    {
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || ProcessName(pid) is not ("postgres" or "postmaster"))
        {
            return;
        }

        // SIGINT asks the postmaster for a fast shutdown, which also releases its shared memory; .NET can only send SIGKILL.
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            kill?.WaitForExit();
        }

        var clock = Stopwatch.StartNew();
        while (ProcessName(pid) is not null && clock.Elapsed < ShutdownWait)
        {
            Thread.Sleep(100);
        }
    }

    private static string? ProcessName(int pid) => ProcessTable.Status(pid) is { Zombie: false, Name: var name } ? name : null;
}
