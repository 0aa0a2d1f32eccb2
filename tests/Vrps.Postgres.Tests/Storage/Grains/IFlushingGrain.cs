namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>A grain without state that raises events and sets deadlines, committing them with FlushCommitEffectsAsync.</summary>
public interface IFlushingGrain : IGrainWithStringKey
{
    /// <summary>Stages <paramref name="count"/> events on stream (<see cref="FlushingGrain.Namespace"/>, <paramref name="streamKey"/>) and flushes.</summary>
    Task RaiseAsync(string streamKey, int count);

    /// <summary>Stages a deadline on this grain and flushes.</summary>
    Task SetDeadlineAsync(string name, DateTimeOffset dueAt);

    /// <summary>Stages an event, a deadline and an effect Postgres refuses, and flushes: the transaction rolls back.</summary>
    Task RaiseThenFailAsync(string streamKey, string deadlineName, DateTimeOffset dueAt);

    /// <summary>Flushes with nothing staged; answers whether the flush had completed when it returned.</summary>
    Task<bool> FlushNothingAsync();

    /// <summary>Identifies this activation: a new activation answers with a new id.</summary>
    Task<Guid> ActivationAsync();
}
