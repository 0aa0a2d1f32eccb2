namespace Vrps.Runtime.Tests;

public sealed class MigrationTests : SiloTestBase
{
    [Fact]
    public async Task Migrations_SiloStartedTwice_AppliedOnce()
    {
        var first = await StartSiloAsync();
        await first.StopAsync();
        await StartSiloAsync();

        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE module = 'runtime'"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM grain_state"));
    }
}
