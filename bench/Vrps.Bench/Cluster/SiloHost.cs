using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Vrps.Silo;

namespace Vrps.Bench.Cluster;

/// <summary>The bench executable as one silo of a cluster (<see cref="SiloChild"/> starts it): the product's silo, until Ctrl+C.</summary>
internal static class SiloHost
{
    public const string Command = "silo-process";

    public static async Task<int> RunAsync(string[] arguments)
    {
        var builder = WebApplication.CreateBuilder(arguments);
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("A cluster silo needs ConnectionStrings__Postgres.");
        await using var app = SiloApplication.Build(builder, connectionString);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
