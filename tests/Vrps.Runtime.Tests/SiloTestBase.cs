using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Tests.Grains;
using Vrps.Testing;

namespace Vrps.Runtime.Tests;

/// <summary>Each test gets its own database on the run's private Postgres, and silos that share one probe.</summary>
public abstract class SiloTestBase : IAsyncLifetime
{
    private readonly List<TestSilo> silos = [];

    protected string ConnectionString { get; private set; } = "";

    protected Probe Probe { get; } = new();

    protected RecordingConsumer Consumer { get; } = new();

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync("runtime");

    public async Task DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.StopAsync();
        }
    }

    protected async Task<TestSilo> StartSiloAsync(Action<RuntimeOptions>? configure = null, TimeProvider? time = null, bool withConsumer = false)
    {
        var silo = await TestSilo.StartAsync(
            ConnectionString,
            runtime =>
            {
                runtime.AddGrainsFrom(typeof(CounterGrain).Assembly);
                if (withConsumer)
                {
                    runtime.Services.AddSingleton<Streams.IEventConsumer>(Consumer);
                }
            },
            configure,
            time,
            services => services.AddSingleton(Probe));
        silos.Add(silo);
        return silo;
    }

    protected async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default : (T)result;
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
