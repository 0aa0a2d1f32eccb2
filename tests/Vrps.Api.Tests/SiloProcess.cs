using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vrps.Api.Tests;

/// <summary>The silo as a separate process, the way a user runs it: for restarts, Ctrl+C and kill -9.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process process;

    private SiloProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    private static readonly ConcurrentDictionary<int, int> SiloPorts = new();

    public int Port { get; }

    /// <summary>Its silo-to-silo port, which names its row in the membership table.</summary>
    public int SiloPort => SiloPorts[Port];

    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => process.HasExited;

    public static SiloProcess Start(string dataDirectory, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", [Assembly(), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Vrps__DataDirectory"] = dataDirectory;

        // Its own silo-to-silo port, the same again when the test restarts it on its HTTP port (Orleans then retires
        // the killed incarnation at once); no gateway, as nothing but the silo itself calls its grains.
        info.Environment["Orleans__Endpoints__SiloPort"] = SiloPorts.GetOrAdd(port, static _ => FreePort()).ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__Endpoints__GatewayPort"] = "0";
        info.Environment.Remove("ConnectionStrings__Postgres");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var silo = new SiloProcess(Process.Start(info)!, port);
        silo.process.OutputDataReceived += (_, line) => silo.Output.Enqueue(line.Data ?? "");
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the silo exited with code {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The silo did not become ready within 90 s.");
    }

    /// <summary>Ctrl+C: a graceful stop; returns the exit code.</summary>
    public async Task<int> InterruptAsync() => await SignalAsync("-INT");

    /// <summary>SIGTERM, what a service manager or an orchestrator sends: a graceful stop; returns the exit code.</summary>
    public async Task<int> TerminateAsync() => await SignalAsync("-TERM");

    /// <summary>kill -9: no shutdown code runs at all.</summary>
    public async Task KillAsync() => await SignalAsync("-KILL");

    private async Task<int> SignalAsync(string signal)
    {
        using (var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops a private Postgres a failed test left running, and removes its directory.</summary>
    public static void CleanUp(string dataDirectory)
    {
        var pgdata = Path.Combine(dataDirectory, "pgdata");
        if (File.Exists(Path.Combine(pgdata, "postmaster.pid")))
        {
            using var stop = Process.Start("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", pgdata, "-m", "immediate", "stop"]);
            stop?.WaitForExit(30_000);
        }

        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static string Assembly()
    {
        // The Silo's own build output, in the same configuration as this test assembly.
        var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testBin);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testBin)!);
        var root = new DirectoryInfo(testBin);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vrps.Orleans.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, "src", "Silo", "bin", configuration, framework, "Vrps.Silo.dll");
        Assert.True(File.Exists(path), $"build the solution first: {path} is missing");
        return path;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(30_000);
        }

        process.Dispose();
    }
}
