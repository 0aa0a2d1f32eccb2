namespace Vrps.Runtime.Tests;

public sealed class MigrationTests : SiloTestBase
{
    [Fact]
    public async Task Migrations_SiloStartedTwice_AppliedOnce()
    {
        var first = await StartSiloAsync();
        await first.StopAsync();
        var applied = await ScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE module = 'runtime'");
        await StartSiloAsync();

        Assert.True(applied >= 2, $"expected the runtime's migrations to be recorded, found {applied}");
        Assert.Equal(applied, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE module = 'runtime'"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM grain_state"));
    }
}
