using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Vrps.Api.Tests;

/// <summary>The README's run command, as a user runs it: no configuration, a private Postgres, Ctrl+C, and a restart that reuses the data.</summary>
public sealed class ZeroConfigRunTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "vrps-zero-config-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    [Fact]
    public async Task Silo_NoConfiguration_StartsPrivatePostgresAndKeepsDataAcrossCtrlC()
    {
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Guid customerId;
        using (var first = StartSilo(port))
        {
            await WaitUntilReadyAsync(http, first);
            var adminKey = PrintedKeys().Single();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
            var created = await http.PostAsJsonAsync("/api/customers", new { name = "Zero Config Co" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            customerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(0, await InterruptAsync(first));
        }

        Assert.False(File.Exists(Path.Combine(dataDirectory, "pgdata", "postmaster.pid")), "Ctrl+C should stop the private Postgres");

        output.Clear();
        using var second = StartSilo(port);
        await WaitUntilReadyAsync(http, second);
        Assert.Empty(PrintedKeys());
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}");
        Assert.Equal("Zero Config Co", read.GetProperty("name").GetString());
        Assert.Equal(0, await InterruptAsync(second));
    }

    private Process StartSilo(int port)
    {
        var info = new ProcessStartInfo("dotnet", [SiloAssembly(), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Vrps__DataDirectory"] = dataDirectory;
        info.Environment.Remove("ConnectionStrings__Postgres");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The bootstrap admin key the first start prints on a line of its own.</summary>
    private List<string> PrintedKeys() => output.Select(static l => l.Trim()).Where(static l => l.StartsWith("vrps_", StringComparison.Ordinal)).ToList();

    private static async Task WaitUntilReadyAsync(HttpClient http, Process silo)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(silo.HasExited, $"the silo exited with code {(silo.HasExited ? silo.ExitCode : 0)}");
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

        throw new TimeoutException("The zero-config silo did not become ready within 90 s.");
    }

    private static async Task<int> InterruptAsync(Process silo)
    {
        using (var kill = Process.Start("kill", ["-INT", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await silo.WaitForExitAsync(timeout.Token);
        return silo.ExitCode;
    }

    private static string SiloAssembly()
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        var pid = Path.Combine(dataDirectory, "pgdata", "postmaster.pid");
        if (File.Exists(pid))
        {
            // A failed test must not leave a server running: stop it the way the silo would have.
            using var stop = Process.Start("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", Path.Combine(dataDirectory, "pgdata"), "-m", "immediate", "stop"]);
            stop?.WaitForExit(30_000);
        }

        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
