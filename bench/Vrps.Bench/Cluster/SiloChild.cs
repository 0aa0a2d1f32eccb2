using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Vrps.Bench.Common;

namespace Vrps.Bench.Cluster;

/// <summary>
/// One silo of the benchmark's cluster as a process of its own: this bench executable again, running the product's
/// <c>SiloApplication</c> (<see cref="SiloHost"/>), so it can be killed with -9 like a real one. Its HTTP and
/// silo-to-silo ports stay the same across restarts, so Orleans retires a killed incarnation as soon as the new one joins.
/// </summary>
internal sealed class SiloChild : IDisposable
{
    private readonly string connectionString;
    private readonly int siloPort = LoopbackPorts.Free();
    private Process? process;

    public SiloChild(string name, string connectionString)
    {
        Name = name;
        this.connectionString = connectionString;
        Port = LoopbackPorts.Free();
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchSilo.AdminKey);
    }

    public string Name { get; }

    public int Port { get; }

    public HttpClient Http { get; }

    public void Start()
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!, [SiloHost.Command, "--urls", $"http://127.0.0.1:{Port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__Postgres"] = connectionString;
        info.Environment["Vrps__BootstrapAdminKey"] = BenchSilo.AdminKey;
        info.Environment["Vrps__Claims__PermitsPerWindow"] = "100000000";
        info.Environment["Orleans__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Orleans__Endpoints__GatewayPort"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(info)!;
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until this silo answers ready and sees <paramref name="activeSilos"/> active members.</summary>
    public async Task WaitUntilActiveAsync(int activeSilos, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"silo {Name} exited with {process.ExitCode} while starting");
            }

            if (await ActiveSilosAsync(cancellationToken).ConfigureAwait(false) == activeSilos)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"silo {Name} did not see {activeSilos} active silos within 2 minutes");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>kill -9: no drain, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ctrl+C: the silo drains and leaves the cluster.</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false })
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync().ConfigureAwait(false);
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
        }

        process?.Dispose();
        Http.Dispose();
    }

    private async Task<int> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync("/health/ready", cancellationToken).ConfigureAwait(false);
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).RootElement;
            return report.GetProperty("checks").GetProperty("silo").GetProperty("data").GetProperty("activeSilos").GetInt32();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return 0;
        }
    }
}
