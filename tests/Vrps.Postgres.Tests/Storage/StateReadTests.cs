using Vrps.Postgres.Tests.Storage.Grains;
using Xunit.Abstractions;

namespace Vrps.Postgres.Tests.Storage;

public sealed class StateReadTests(ITestOutputHelper output) : StorageTestBase
{
    [Fact]
    public async Task ReadState_ThreeHundredActivationsAtOnce_ShareFarFewerQueriesAndEachReadsItsOwnRow()
    {
        await Storage.ExecuteAsync(
            """
            INSERT INTO grain_storage
            SELECT 'test.counter', 'r' || i, 'counter', 1, jsonb_build_object('value', i), now() FROM generate_series(0, 299) AS i
            """);
        var readsBefore = Storage.Metrics.Reads;
        var queriesBefore = Storage.Metrics.ReadQueries;

        var values = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Grains.GetGrain<ICounterGrain>($"r{i}").GetAsync()));

        var queries = Storage.Metrics.ReadQueries - queriesBefore;
        output.WriteLine($"300 activations read their state in {queries} queries");
        Assert.Equal(Enumerable.Range(0, 300).Select(static i => (long)i), values);
        Assert.Equal(300, Storage.Metrics.Reads - readsBefore);
        Assert.True(queries * 4 <= 300, $"300 activations took {queries} read queries");
    }
}
