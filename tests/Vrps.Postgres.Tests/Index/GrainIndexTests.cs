using System.Globalization;
using System.Text;
using System.Text.Json;
using Vrps.Postgres.Index;

namespace Vrps.Postgres.Tests.Index;

public sealed class GrainIndexTests : IAsyncLifetime
{
    private IndexDatabase? database;

    private IndexDatabase Db => database ?? throw new InvalidOperationException("The database has not been created.");

    private GrainIndex Index => Db.Index;

    public async Task InitializeAsync() => database = await IndexDatabase.CreateAsync(nameof(GrainIndexTests));

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListAsync_MoreRowsThanLimit_PagesInCreatedOrderWithCursor()
    {
        await Db.WriteAsync(Enumerable.Range(0, 5).Select(static i => IndexDatabase.Entry($"r{i}", minute: 10 - i)).ToArray());

        var first = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 2);
        var second = await Index.ListAsync(IndexDatabase.Kind, "p1", null, first.NextCursor, 2);
        var third = await Index.ListAsync(IndexDatabase.Kind, "p1", null, second.NextCursor, 2);

        Assert.NotNull(first.NextCursor);
        Assert.NotNull(second.NextCursor);
        Assert.Null(third.NextCursor);
        Assert.Equal(["r4", "r3", "r2", "r1", "r0"], Keys(first, second, third));
    }

    [Fact]
    public async Task ListAsync_ExactlyLimitRows_HasNoNextCursor()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 2));

        var page = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 2);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_RowsCreatedAtTheSameInstant_CursorOrdersThemById()
    {
        await Db.WriteAsync(IndexDatabase.Entry("c", 1), IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 1));

        var first = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 2);
        var second = await Index.ListAsync(IndexDatabase.Kind, "p1", null, first.NextCursor, 2);

        Assert.Equal(["a", "b", "c"], Keys(first, second));
    }

    [Fact]
    public async Task ListAsync_ByParent_ListsOnlyThatParentsRowsOfTheKind()
    {
        await Db.WriteAsync(
            IndexDatabase.Entry("mine", 1, parent: "p1"),
            IndexDatabase.Entry("other-parent", 2, parent: "p2"),
            IndexDatabase.Entry("no-parent", 3, parent: null));
        await Db.WriteAsync(IndexDatabase.Entry("other-kind", 4) with { Kind = "other-kind" });

        var page = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 10);

        Assert.Equal(["mine"], Keys(page));
    }

    [Fact]
    public async Task ListAsync_ByTenant_ListsTheTenantsRowsUnderEveryParent()
    {
        await Db.WriteAsync(
            IndexDatabase.Entry("a", 1, parent: "p1", tenant: "t1"),
            IndexDatabase.Entry("b", 2, parent: "p2", tenant: "t1"),
            IndexDatabase.Entry("c", 3, parent: "p1", tenant: "t2"));

        var page = await Index.ListAsync(IndexDatabase.Kind, null, "t1", null, 10);

        Assert.Equal(["a", "b"], Keys(page));
    }

    [Fact]
    public async Task ListAsync_WithFieldMatch_FiltersBeforePaging()
    {
        await Db.WriteAsync(Enumerable.Range(0, 6)
            .Select(static i => IndexDatabase.Entry($"r{i}", i, status: i % 2 == 0 ? "open" : "closed"))
            .ToArray());

        var first = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 2, match: ("status", "closed"));
        var second = await Index.ListAsync(IndexDatabase.Kind, "p1", null, first.NextCursor, 2, match: ("status", "closed"));

        Assert.Equal(["r1", "r3"], Keys(first));
        Assert.NotNull(first.NextCursor);
        Assert.Equal(["r5"], Keys(second));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task ListAsync_PassesOfAConsumer_PagedThroughTheConsumerIndex_NotAScanOfEveryPass()
    {
        // A consumer's passes are the pass rows themselves, found by the consumerId of their item: 4,000 passes of
        // 400 consumers, and the list of one of them reads its ten rows through grain_index_pass_consumer.
        await Db.WriteAsync(Enumerable.Range(0, 4_000)
            .Select(static i => new IndexEntry(
                "pass", $"pass-{i:D4}", "lot-1", "customer-1", null, DateTimeOffset.UnixEpoch.AddMinutes(i), null,
                new { key = $"pass-{i:D4}", consumerId = $"consumer-{i % 400}" }))
            .ToArray());
        await using (var analyze = Db.DataSource.CreateCommand("ANALYZE grain_index"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var first = await Index.ListAsync("pass", null, null, null, 6, match: ("consumerId", "consumer-7"));
        var second = await Index.ListAsync("pass", null, null, first.NextCursor, 6, match: ("consumerId", "consumer-7"));
        await using var explain = Index.ListCommand("pass", null, null, first.NextCursor, 6, false, ("consumerId", "consumer-7"));
        explain.CommandText = "EXPLAIN " + explain.CommandText;
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(static n => (string?)$"pass-{7 + (400 * n):D4}").ToList(), Keys(first, second));
        Assert.Null(second.NextCursor);
        Assert.Contains(plan, static line => line.Contains("grain_index_pass_consumer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_DeletedRows_LeftOutUnlessIncluded()
    {
        await Db.WriteAsync(IndexDatabase.Entry("live", 1), IndexDatabase.Entry("gone", 2, deletedAt: DateTimeOffset.UnixEpoch.AddDays(1)));

        var live = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 10);
        var all = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 10, includeDeleted: true);

        Assert.Equal(["live"], Keys(live));
        Assert.Equal(["live", "gone"], Keys(all));
    }

    [Fact]
    public async Task FindAllAsync_SomeIdsAbsentOrDeleted_ReturnsTheLiveRowsByIdInOneRead()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 2), IndexDatabase.Entry("gone", 3, deletedAt: DateTimeOffset.UnixEpoch.AddDays(1)));

        var found = await Index.FindAllAsync(IndexDatabase.Kind, ["a", "b", "gone", "never"]);

        Assert.Equal(["a", "b"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("b", found["b"].GetProperty("key").GetString());
    }

    [Fact]
    public async Task ListAsync_LimitBelowOne_ReturnsOneRowPages()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 2));

        var page = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 0);

        Assert.Equal(["a"], Keys(page));
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_CursorInTheOldRuntimesFormat_ResumesAfterThatRow()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 2), IndexDatabase.Entry("c", 3));
        var ticks = DateTimeOffset.UnixEpoch.AddMinutes(2).UtcTicks.ToString(CultureInfo.InvariantCulture);
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ticks}|b")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var page = await Index.ListAsync(IndexDatabase.Kind, "p1", null, cursor, 10);

        Assert.Equal(["c"], Keys(page));
    }

    [Fact]
    public async Task ListAsync_CursorNotIssued_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Index.ListAsync(IndexDatabase.Kind, "p1", null, "not-a-cursor", 10));
    }

    [Fact]
    public async Task IsValidCursor_IssuedCursorOrNone_IsValid()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 2));
        var page = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 1);

        Assert.True(GrainIndex.IsValidCursor(page.NextCursor));
        Assert.True(GrainIndex.IsValidCursor(null));
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("fA")]
    [InlineData("")]
    public void IsValidCursor_Garbage_IsInvalid(string cursor) => Assert.False(GrainIndex.IsValidCursor(cursor));

    [Fact]
    public async Task Upsert_ExistingRow_ReplacesItButKeepsItsCreatedAt()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1), IndexDatabase.Entry("b", 2));

        await Db.WriteAsync(IndexDatabase.Entry("a", 60, parent: "p1", status: "closed") with { Name = "Renamed" });

        var page = await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 10);
        Assert.Equal(["a", "b"], Keys(page));
        Assert.Equal("closed", page.Items[0].GetProperty("status").GetString());
        await using var command = Db.DataSource.CreateCommand("SELECT created_at, name FROM grain_index WHERE kind = $1 AND id = 'a'");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = IndexDatabase.Kind });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(1), reader.GetFieldValue<DateTimeOffset>(0));
        Assert.Equal("Renamed", reader.GetString(1));
    }

    [Fact]
    public async Task Upsert_DeletedRowWrittenLive_IsListedAgain()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1, deletedAt: DateTimeOffset.UnixEpoch.AddDays(1)));

        await Db.WriteAsync(IndexDatabase.Entry("a", 1));

        Assert.Equal(["a"], Keys(await Index.ListAsync(IndexDatabase.Kind, "p1", null, null, 10)));
    }

    [Fact]
    public async Task Upsert_ItemChangedAfterStaging_StoresTheItemAsItWasStaged()
    {
        var item = new MutableItem { Key = "before" };
        var effect = GrainIndexRows.Upsert(IndexDatabase.Entry("a", 1) with { Data = item }, JsonSerializerOptions.Web);

        item.Key = "after";
        await Db.RunAsync(effect);

        var found = await Index.FindAsync(IndexDatabase.Kind, "a");
        Assert.Equal("before", found!.Value.GetProperty("key").GetString());
    }

    [Fact]
    public async Task ChildIdsAsync_LeavesOutDeletedRowsAndOtherParents()
    {
        await Db.WriteAsync(
            IndexDatabase.Entry("b", 2),
            IndexDatabase.Entry("a", 1),
            IndexDatabase.Entry("gone", 3, deletedAt: DateTimeOffset.UnixEpoch.AddDays(1)),
            IndexDatabase.Entry("elsewhere", 4, parent: "p2"));

        var ids = await Index.ChildIdsAsync(IndexDatabase.Kind, "p1");

        Assert.Equal(["a", "b"], ids);
    }

    [Fact]
    public async Task FindAsync_LiveRow_ReturnsItsItem()
    {
        await Db.WriteAsync(IndexDatabase.Entry("a", 1, status: "closed"));

        var found = await Index.FindAsync(IndexDatabase.Kind, "a");

        Assert.Equal("closed", found!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FindAsync_DeletedOrAbsent_ReturnsNull()
    {
        await Db.WriteAsync(IndexDatabase.Entry("gone", 1, deletedAt: DateTimeOffset.UnixEpoch.AddDays(1)));

        Assert.Null(await Index.FindAsync(IndexDatabase.Kind, "gone"));
        Assert.Null(await Index.FindAsync(IndexDatabase.Kind, "never"));
    }

    [Fact]
    public async Task ScanAsync_ReturnsLiveRowsWithTheValuesTrimmedToTheFields()
    {
        await Db.WriteAsync(
            IndexDatabase.Entry("a", 1, status: "open"),
            IndexDatabase.Entry("b", 2, status: "held"),
            IndexDatabase.Entry("c", 3, status: "closed"),
            IndexDatabase.Entry("d", 4, status: "open", deletedAt: DateTimeOffset.UnixEpoch.AddDays(1)),
            IndexDatabase.Entry("e", 5, parent: "p2", status: "open"));

        var rows = await Index.ScanAsync(IndexDatabase.Kind, "p1", "status", ["open", "held"], ["key"]);

        Assert.Equal([["key"], ["key"]], rows.Select(static r => r.EnumerateObject().Select(static p => p.Name).ToList()));
        Assert.Equal(["a", "b"], rows.Select(static r => r.GetProperty("key").GetString()));
    }

    private static List<string?> Keys(params GrainIndexPage[] pages) =>
        pages.SelectMany(static p => p.Items).Select(static i => i.GetProperty("key").GetString()).ToList();
}
