using System.Text.Json;
using Npgsql;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Two silo processes on one new database, each with an admin client, started once both see both as active. Either
/// can be stopped (kill -9, SIGTERM, Ctrl+C) and started again on its ports.
/// </summary>
internal sealed class ClusterOfTwo : IDisposable
{
    public const string AdminKey = "cluster-admin-key";

    private readonly SiloProcess[] silos;
    private readonly IReadOnlyDictionary<string, string>[] environments;
    private readonly string dataDirectory;

    private ClusterOfTwo(SiloProcess first, IReadOnlyDictionary<string, string>[] environments, string dataDirectory)
    {
        silos = [first, null!];
        this.environments = environments;
        this.dataDirectory = dataDirectory;
        FirstHttp = Client(first.Port);
    }

    public SiloProcess First => silos[0];

    public SiloProcess Second => silos[1];

    public HttpClient FirstHttp { get; }

    public HttpClient SecondHttp { get; private set; } = null!;

    public string ConnectionString => environments[0]["ConnectionStrings__Postgres"];

    /// <param name="beforeSecond">Run against the first silo before the second starts: what it creates lives there.</param>
    /// <param name="secondClusterId">
    /// Puts the second silo in a cluster of its own on the same database: the two never see each other, as two silos
    /// that cannot reach each other for a moment.
    /// </param>
    /// <param name="settings">More environment for both silos.</param>
    public static async Task<ClusterOfTwo> StartAsync(
        string database,
        string dataDirectory,
        Func<HttpClient, Task>? beforeSecond = null,
        string? secondClusterId = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["ConnectionStrings__Postgres"] = await TestPostgres.CreateDatabaseAsync(database),
            ["Vrps__BootstrapAdminKey"] = AdminKey,
            ["Vrps__Claims__PermitsPerWindow"] = "1000000",
        };
        var secondEnvironment = secondClusterId is null ? environment : new Dictionary<string, string>(environment) { ["Orleans__ClusterId"] = secondClusterId };
        var cluster = new ClusterOfTwo(SiloProcess.Start(dataDirectory, SiloProcess.FreePort(), environment), [environment, secondEnvironment], dataDirectory);
        try
        {
            await cluster.First.WaitUntilReadyAsync(cluster.FirstHttp);
            await (beforeSecond?.Invoke(cluster.FirstHttp) ?? Task.CompletedTask);
            cluster.silos[1] = SiloProcess.Start(dataDirectory, SiloProcess.FreePort(), secondEnvironment);
            cluster.SecondHttp = Client(cluster.Second.Port);
            await cluster.Second.WaitUntilReadyAsync(cluster.SecondHttp);
            await cluster.BothSeeAsync(secondClusterId is null ? 2 : 1);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public SiloProcess Silo(int index) => silos[index];

    public HttpClient Http(int index) => index == 0 ? FirstHttp : SecondHttp;

    /// <summary>Starts silo <paramref name="index"/>, which has exited, again on its ports, and waits until both silos see both.</summary>
    public async Task RestartAsync(int index)
    {
        var old = silos[index];
        Assert.True(old.HasExited, "restart a silo only after it exited");
        silos[index] = SiloProcess.Start(dataDirectory, old.Port, environments[index]);
        old.Dispose();
        await silos[index].WaitUntilReadyAsync(Http(index));
        await BothSeeAsync(2);
    }

    /// <summary>The status (Orleans' <c>SiloStatus</c>: 3 active, 4 shutting down, 5 stopping, 6 dead) of the silo's latest row.</summary>
    public async Task<int> MembershipStatusAsync(SiloProcess silo)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM orleans_membership WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("port", silo.SiloPort);
        return (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no membership row for silo port {silo.SiloPort}"));
    }

    public static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return report.GetProperty("checks").GetProperty("silo").GetProperty("data").GetProperty("activeSilos").GetInt32();
    }

    public void Dispose()
    {
        FirstHttp.Dispose();
        SecondHttp?.Dispose();
        foreach (var silo in silos)
        {
            silo?.Dispose();
        }
    }

    private async Task BothSeeAsync(int members) =>
        await Eventually.HoldsAsync(
            async () => await ActiveSilosAsync(FirstHttp) == members && await ActiveSilosAsync(SecondHttp) == members,
            $"each silo's membership view holds {members} active",
            TimeSpan.FromSeconds(30));

    private static HttpClient Client(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return http;
    }
}
