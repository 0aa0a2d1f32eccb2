using Vrps.Postgres.Events;

namespace Vrps.Postgres.Tests.Events;

public sealed class StreamHashTests
{
    [Fact]
    public void Of_KnownStream_NeverChanges()
    {
        // Stored with every event: a different value for the same stream would move it to another queue mid-log.
        Assert.Equal(1281454501, StreamHash.Of("offer", "4f1c2a"));
    }

    [Fact]
    public void Of_NamespaceAndKeySplitDifferently_Differ()
    {
        Assert.NotEqual(StreamHash.Of("ab", "c"), StreamHash.Of("a", "bc"));
    }

    [Fact]
    public void Of_LongKey_IsNonNegative()
    {
        Assert.InRange(StreamHash.Of("offer", new string('x', 1000)), 0, int.MaxValue);
    }
}
