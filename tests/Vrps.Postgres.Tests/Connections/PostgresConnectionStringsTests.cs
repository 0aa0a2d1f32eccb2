using Npgsql;
using Vrps.Postgres.Connections;

namespace Vrps.Postgres.Tests.Connections;

public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void WithDefaults_NothingSaid_PreparesTheProvidersStatements()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithDefaults("Host=db;Database=vrps;Username=app"));

        Assert.Equal(PostgresConnectionStrings.DefaultMaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionStrings.CustomPlans, tuned.Options);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("vrps", tuned.Database);
        Assert.Equal("app", tuned.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    public void WithDefaults_OperatorChose_KeepsTheirChoice(string connectionString, int expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithDefaults(connectionString));

        Assert.Equal(expected, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;Options=-c statement_timeout=5s", "-c statement_timeout=5s " + PostgresConnectionStrings.CustomPlans)]
    [InlineData("Host=db;Options=-c plan_cache_mode=auto", "-c plan_cache_mode=auto")]
    public void WithDefaults_OperatorOptions_AreKeptAndPlanCachingIsTheirsToChoose(string connectionString, string expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithDefaults(connectionString));

        Assert.Equal(expected, tuned.Options);
    }
}
