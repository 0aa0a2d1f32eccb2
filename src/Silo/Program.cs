using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Vrps.Postgres.Hosting;
using Vrps.Silo;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

using var startupLogging = LoggerFactory.Create(logging => logging.AddConsole());
var startupLogger = startupLogging.CreateLogger("Vrps.Silo");
var connectionString = builder.Configuration.GetConnectionString("Postgres");
LocalPostgres? privatePostgres = null;
if (string.IsNullOrWhiteSpace(connectionString))
{
    try
    {
        privatePostgres = await LocalPostgres.StartAsync(
            new LocalPostgresOptions { DataDirectory = builder.Configuration["Vrps:DataDirectory"] ?? DataDirectory.Default() },
            startupLogger);
    }
    catch (LocalPostgresUnavailableException exception)
    {
        await Console.Error.WriteLineAsync(exception.Message);
        return 1;
    }

    connectionString = privatePostgres.ConnectionString;
}

try
{
    var app = SiloApplication.Build(builder, connectionString);
    await app.RunAsync();
    return 0;
}
finally
{
    if (privatePostgres is not null)
    {
        await privatePostgres.DisposeAsync();
    }
}
