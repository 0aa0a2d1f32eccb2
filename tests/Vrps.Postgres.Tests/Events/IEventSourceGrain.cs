namespace Vrps.Postgres.Tests.Events;

public interface IEventSourceGrain : IGrainWithStringKey
{
    /// <summary>Stages <paramref name="count"/> events on stream (sink namespace, <paramref name="streamKey"/>) and writes state.</summary>
    Task AppendAsync(string streamKey, int count);

    /// <summary>Stages an event, then an effect Postgres refuses, and writes state: the transaction rolls back.</summary>
    Task AppendThenFailAsync(string streamKey);
}
